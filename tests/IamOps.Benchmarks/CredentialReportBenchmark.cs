using System.Diagnostics;
using System.Globalization;
using IamOps.Audit;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Benchmarks;

/// <summary>Parsing a credential report of 5,000 users (IAM's default user quota), made by the simulator: the target is under 1 s.</summary>
public static class CredentialReportBenchmark
{
    public static int Run(string[] args)
    {
        var users = args.Length > 1 && args[0] == "--users" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
        var report = Report(users);
        Console.WriteLine($"credential report: {users:N0} users, {report.Content.Length / 1024.0:N0} KB of CSV");
        CredentialReportParser.Parse(report.Content, report.GeneratedTime); // warm-up: JIT and CsvHelper's tables
        var samples = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var clock = Stopwatch.StartNew();
            var entries = CredentialReportParser.Parse(report.Content, report.GeneratedTime);
            clock.Stop();
            if (entries.Count != users + 2)
            {
                Console.Error.WriteLine($"expected {users + 2} rows, parsed {entries.Count}");
                return 1;
            }

            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        Console.WriteLine($"parse: median {samples[samples.Count / 2]:N1} ms, min {samples[0]:N1} ms, max {samples[^1]:N1} ms over {samples.Count} runs (target < 1000 ms)");
        return samples[samples.Count / 2] < 1000 ? 0 : 1;
    }

    /// <summary>A report with every kind of row: keys used and unused, passwords, MFA-less users.</summary>
    private static CredentialReport Report(int users)
    {
        var account = new SimulatedAccount("111122223333", new ManualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))) { EnforcePermissions = false };
        account.Quotas.Users = Math.Max(account.Quotas.Users, users + 1);
        var iam = account.Connect().Iam;
        var none = CancellationToken.None;
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
        }

        iam.GenerateCredentialReportAsync(none).GetAwaiter().GetResult();
        return iam.GetCredentialReportAsync(none).GetAwaiter().GetResult();
    }
}
