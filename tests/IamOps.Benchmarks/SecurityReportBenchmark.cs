using System.Diagnostics;
using System.Globalization;
using IamOps.Audit;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Benchmarks;

/// <summary>
/// The security review and its HTML page for an account of 5,000 users (IAM's default user quota) and 1,000 roles,
/// from one credential report and one GetAccountAuthorizationDetails made by the simulator: the work after the two reads.
/// </summary>
public static class SecurityReportBenchmark
{
    private const string Everything = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    public static int Run(string[] args)
    {
        var users = args.Length > 1 && args[0] == "--users" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
        var roles = users / 5;
        var (entries, details, now) = Account(users, roles);
        Console.WriteLine($"security report: {users:N0} users, {roles:N0} roles, {details.Policies.Count} managed policies");
        SecurityReview.Review(entries, details, new SecurityReportRequest(), now); // warm-up: JIT, the engine's parser
        var review = new List<double>();
        var html = new List<double>();
        SecurityReport? report = null;
        for (var i = 0; i < 10; i++)
        {
            var clock = Stopwatch.StartNew();
            report = SecurityReview.Review(entries, details, new SecurityReportRequest(), now);
            review.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var page = SecurityReportHtml.Render(report);
            html.Add(clock.Elapsed.TotalMilliseconds);
            if (page.Length == 0)
            {
                return 1;
            }
        }

        Console.WriteLine($"findings: {report!.Findings.Count:N0}");
        Console.WriteLine($"review: {Describe(review)}");
        Console.WriteLine($"HTML page: {Describe(html)} ({SecurityReportHtml.Render(report).Length / 1024.0:N0} KB)");
        return 0;
    }

    private static string Describe(List<double> samples)
    {
        samples.Sort();
        return $"median {samples[samples.Count / 2]:N1} ms, min {samples[0]:N1} ms, max {samples[^1]:N1} ms over {samples.Count} runs";
    }

    /// <summary>Every kind of finding: unused and old keys, MFA-less console users, inline and *:* policies, cross-account trust, unused roles.</summary>
    private static (IReadOnlyList<CredentialReportEntry>, AccountAuthorizationDetails, DateTime) Account(int users, int roles)
    {
        var account = new SimulatedAccount("111122223333", new ManualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))) { EnforcePermissions = false };
        account.Quotas.Users = Math.Max(account.Quotas.Users, users + 1);
        account.Quotas.Roles = Math.Max(account.Quotas.Roles, roles + 1);
        var iam = account.Connect().Iam;
        var none = CancellationToken.None;
        var admin = iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "AllOfIt", PolicyDocument = Everything }, none).GetAwaiter().GetResult();
        for (var i = 0; i < users; i++)
        {
            var name = "user" + i.ToString("D5", CultureInfo.InvariantCulture);
            iam.CreateUserAsync(new CreateUserRequest { UserName = name }, none).GetAwaiter().GetResult();
            if (i % 2 == 0)
            {
                var key = iam.CreateAccessKeyAsync(name, none).GetAwaiter().GetResult();
                if (i % 4 == 0)
                {
                    account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey)).Sts.GetCallerIdentityAsync(none).GetAwaiter().GetResult();
                }
            }

            if (i % 3 == 0)
            {
                iam.CreateLoginProfileAsync(name, "Initial-Passw0rd!", false, none).GetAwaiter().GetResult();
            }

            if (i % 10 == 0)
            {
                iam.PutInlinePolicyAsync(IdentityKind.User, name, "inline", Everything, none).GetAwaiter().GetResult();
            }

            if (i % 7 == 0)
            {
                iam.AttachPolicyAsync(IdentityKind.User, name, admin.Arn, none).GetAwaiter().GetResult();
            }
        }

        for (var i = 0; i < roles; i++)
        {
            var trusted = i % 2 == 0 ? "444455556666" : "111122223333";
            iam.CreateRoleAsync(new CreateRoleRequest
            {
                RoleName = "role" + i.ToString("D4", CultureInfo.InvariantCulture),
                AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + trusted + ":root\"},\"Action\":\"sts:AssumeRole\"}]}",
            }, none).GetAwaiter().GetResult();
        }

        account.AdvanceClock(TimeSpan.FromDays(100));
        iam.GenerateCredentialReportAsync(none).GetAwaiter().GetResult();
        var report = iam.GetCredentialReportAsync(none).GetAwaiter().GetResult();
        var details = iam.GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter.All, none).GetAwaiter().GetResult();
        return (CredentialReportParser.Parse(report.Content, report.GeneratedTime), details, account.UtcNow);
    }
}
