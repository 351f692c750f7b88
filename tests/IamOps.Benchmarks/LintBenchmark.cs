using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using IamOps.Policy;

namespace IamOps.Benchmarks;

/// <summary>Lint of a 6 KB identity policy: the catalog's first load, then BenchmarkDotNet (or a Stopwatch loop with --quick).</summary>
[MemoryDiagnoser]
public class LintBenchmark
{
    private string policy = string.Empty;

    /// <summary>A realistic managed policy of about 6,000 characters: varied actions, ARNs, conditions and a variable.</summary>
    public static string SixKilobytePolicy()
    {
        var statements = new List<string>();
        var services = new[] { ("s3", "s3:GetObject\",\"s3:PutObject\",\"s3:ListBucket", "arn:aws:s3:::bucket-{0}/*\",\"arn:aws:s3:::bucket-{0}"), ("dynamodb", "dynamodb:GetItem\",\"dynamodb:Query\",\"dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:111122223333:table/app-{0}"), ("sqs", "sqs:SendMessage\",\"sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:queue-{0}"), ("logs", "logs:CreateLogStream\",\"logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/app/{0}:*") };
        var i = 0;
        var size = 0;
        while (size < 5900)
        {
            var (_, actions, resources) = services[i % services.Length];
            var condition = (i % 3) switch
            {
                0 => ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.0.2.0/24\"]},\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
                1 => ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"${aws:username}\"}}",
                _ => string.Empty,
            };
            var number = i.ToString(CultureInfo.InvariantCulture);
            statements.Add("{\"Sid\":\"S" + number + "\",\"Effect\":\"Allow\",\"Action\":[\"" + actions + "\"],\"Resource\":[\"" + resources.Replace("{0}", number, StringComparison.Ordinal) + "\"]" + condition + "}");
            size = PolicyDocument.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}").Size;
            i++;
        }

        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",\n", statements) + "]}";
    }

    [GlobalSetup]
    public void Setup()
    {
        policy = SixKilobytePolicy();
        PolicyValidator.Validate(policy);
    }

    [Benchmark]
    public int Parse() => PolicyDocument.Parse(policy).Statements.Count;

    [Benchmark]
    public int Lint() => PolicyValidator.Validate(policy).Count;

    public static int Run(string[] args)
    {
        var loadClock = Stopwatch.StartNew();
        var catalog = ActionCatalog.Default;
        var firstService = catalog.FindService("s3");
        loadClock.Stop();
        var text = SixKilobytePolicy();
        var firstLint = Stopwatch.StartNew();
        var findings = PolicyValidator.Validate(text);
        firstLint.Stop();
        Console.WriteLine(FormattableString.Invariant($"catalog_first_use_ms: {loadClock.Elapsed.TotalMilliseconds:F1} ({catalog.ServicePrefixes.Count} services indexed, {firstService?.Actions.Count} s3 actions parsed)"));
        Console.WriteLine(FormattableString.Invariant($"policy: {Encoding.UTF8.GetByteCount(text)} bytes, IAM size {PolicyDocument.Parse(text).Size}, {findings.Count} findings"));
        Console.WriteLine(FormattableString.Invariant($"first_lint_ms: {firstLint.Elapsed.TotalMilliseconds:F2}"));

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.ElapsedMilliseconds < 3000)
        {
            PolicyValidator.Validate(text);
            runs++;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine(FormattableString.Invariant($"lint_us_cpu: {cpu.TotalMilliseconds * 1000 / runs:F1} (process CPU time per lint)"));
        Console.WriteLine(FormattableString.Invariant($"lint_us: {clock.Elapsed.TotalMilliseconds * 1000 / runs:F1}"));
        if (args.Contains("--quick"))
        {
            return 0;
        }

        // Min and median next to the mean: on a shared machine the minimum is the closest to the uncontended cost.
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithWarmupCount(5).WithIterationCount(20).WithId("lint"))
            .AddColumn(StatisticColumn.Min, StatisticColumn.Median)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<LintBenchmark>(config);
        return 0;
    }
}
