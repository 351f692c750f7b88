using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IamOps.Aws;
using IamOps.Simulator;
using IamOps.TestEndpoint;

namespace IamOps.Benchmarks;

/// <summary>
/// The simulator at scale: an account of 10,000 users, 1,000 roles and 5,000 customer managed policies; its JSON
/// state saved and loaded (goal ≤ 1 s each), resident memory after GC (goal ≤ 200 MB), and GetCallerIdentity
/// requests per second on loopback through the real STS client (goal ≥ 2,000/s).
/// Arguments: [users] [roles] [policies] [http-requests] [http-concurrency].
/// </summary>
public static class SimulatorBenchmark
{
    private const int Samples = 5;

    public static int Run(string[] args)
    {
        var users = Argument(args, 0, 10_000);
        var roles = Argument(args, 1, 1_000);
        var policies = Argument(args, 2, 5_000);
        var requests = Argument(args, 3, 20_000);
        var concurrency = Argument(args, 4, 16);

        var build = Stopwatch.StartNew();
        var account = Build(users, roles, policies);
        Console.WriteLine($"account: {users} users, {roles} roles, {policies} policies (built in {build.Elapsed.TotalSeconds:F1} s)");

        var path = Path.Combine(Path.GetTempPath(), $"iamops-sim-bench-{Guid.NewGuid():N}.json");
        try
        {
            var saves = new List<double>();
            var loads = new List<double>();
            SimulatedAccount? loaded = null;
            for (var i = 0; i < Samples; i++)
            {
                var save = Stopwatch.StartNew();
                account.Save(path);
                saves.Add(save.Elapsed.TotalMilliseconds);
                var load = Stopwatch.StartNew();
                loaded = SimulatedAccount.Load(path);
                loads.Add(load.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"state_file_bytes: {new FileInfo(path).Length}");
            Console.WriteLine($"save_ms: median {Median(saves):F0}, first {saves[0]:F0} (goal <= 1000)");
            Console.WriteLine($"load_ms: median {Median(loads):F0}, first {loads[0]:F0} (goal <= 1000)");

            // Only the loaded account stays reachable: the resident set of one account of this size.
            account = loaded!;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            using (var process = Process.GetCurrentProcess())
            {
                process.Refresh();
                Console.WriteLine($"working_set_mb: {process.WorkingSet64 / 1048576.0:F0} (goal <= 200)");
            }

            Console.WriteLine($"managed_heap_mb: {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F0}");
            var (rate, cpuMicroseconds) = HttpRate(account, requests, concurrency);
            Console.WriteLine($"http_requests_per_second: {rate:F0} (goal >= 2000; {requests} GetCallerIdentity, {concurrency} concurrent, real STS client)");

            // Client and endpoint share this process: CPU per request bounds the rate on two idle cores whatever else runs.
            Console.WriteLine($"cpu_us_per_request: {cpuMicroseconds:F0} (client + endpoint; two idle cores allow about {2_000_000 / cpuMicroseconds:F0}/s)");
            GC.KeepAlive(account);
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SimulatedAccount Build(int users, int roles, int policies)
    {
        var account = new SimulatedAccount("123456789012");
        account.Quotas.Users = users + 1;
        account.Quotas.Roles = roles;
        account.Quotas.Policies = policies;
        account.CallLog.Capacity = 1000;
        var iam = account.Connect().Iam;
        var none = CancellationToken.None;
        var policyArns = new List<string>(policies);
        for (var i = 0; i < policies; i++)
        {
            var document = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Read{{i}}","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket-{{i}}","arn:aws:s3:::bucket-{{i}}/*"]}]}""";
            policyArns.Add(iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "policy-" + i, PolicyDocument = document, Description = "benchmark policy " + i }, none).GetAwaiter().GetResult().Arn);
        }

        var trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""";
        for (var i = 0; i < roles; i++)
        {
            var name = "role-" + i;
            iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = trust, Tags = new[] { new IamTag("team", "team-" + (i % 20)) } }, none).GetAwaiter().GetResult();
            iam.AttachPolicyAsync(IdentityKind.Role, name, policyArns[i % policyArns.Count], none).GetAwaiter().GetResult();
        }

        for (var i = 0; i < users; i++)
        {
            var name = "user-" + i.ToString("D5", CultureInfo.InvariantCulture);
            iam.CreateUserAsync(new CreateUserRequest { UserName = name, Path = "/staff/", Tags = new[] { new IamTag("team", "team-" + (i % 20)), new IamTag("cost-center", "cc-" + (i % 7)) } }, none).GetAwaiter().GetResult();
            iam.AttachPolicyAsync(IdentityKind.User, name, policyArns[i % policyArns.Count], none).GetAwaiter().GetResult();
            if (i % 2 == 0)
            {
                iam.CreateAccessKeyAsync(name, none).GetAwaiter().GetResult();
            }
        }

        return account;
    }

    private static (double Rate, double CpuMicroseconds) HttpRate(SimulatedAccount account, int requests, int concurrency)
    {
        using var endpoint = SimulatorEndpoint.Start(account);
        var credentials = new BasicAWSCredentials(account.AdministratorCredentials.AccessKeyId, account.AdministratorCredentials.SecretAccessKey);
        var config = new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint.BaseUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        using var client = new AmazonSecurityTokenServiceClient(credentials, config);
        Drive(client, 500, concurrency);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Drive(client, requests, concurrency);
        var elapsed = clock.Elapsed;
        process.Refresh();
        return (requests / elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / requests);
    }

    private static void Drive(AmazonSecurityTokenServiceClient client, int requests, int concurrency)
    {
        var remaining = requests;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await client.GetCallerIdentityAsync(new GetCallerIdentityRequest()).ConfigureAwait(false);
            }
        }));
        Task.WhenAll(workers).GetAwaiter().GetResult();
    }

    private static int Argument(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
