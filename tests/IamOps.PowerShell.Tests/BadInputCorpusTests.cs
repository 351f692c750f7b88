using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using Xunit.Abstractions;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// Issue #10, reliability: every case of <see cref="BadInputCorpus"/> through the real engine, many per runspace. Each
/// must give at least one error record, every record with a FullyQualifiedErrorId of ours or PowerShell's binder (never
/// a .NET exception type), a category other than NotSpecified and a message that is not a stack or a type dump; the
/// expected id among them; and no mutating call (no call at all where the input is checked before connecting). The
/// counts go to the test output and TestResults/sweeps/bad-input.txt.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class BadInputCorpusTests : IDisposable
{
    private const string Loop = """
        $results = foreach ($line in $cases) {
            $before = & $count
            $errors = [System.Collections.Generic.List[object]]::new()
            $outputs = 0
            try {
                & ([scriptblock]::Create($line)) 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } else { $outputs++ } }
            }
            catch {
                $errors.Add($_)
            }

            [pscustomobject]@{ Line = $line; Errors = $errors.ToArray(); Calls = (& $count) - $before; Outputs = $outputs }
        }

        $results
        """;

    private static readonly string[] UnhandledExceptionTypes =
    {
        nameof(NullReferenceException), nameof(InvalidCastException), nameof(IndexOutOfRangeException), nameof(KeyNotFoundException),
        nameof(CmdletInvocationException), nameof(MethodInvocationException), nameof(IOException), nameof(DirectoryNotFoundException),
        nameof(UnauthorizedAccessException), nameof(FormatException), nameof(OverflowException), nameof(AggregateException),
        nameof(TaskCanceledException), nameof(ArgumentNullException), nameof(ArgumentOutOfRangeException), "PSInvalidOperationException",
    };

    private readonly ITestOutputHelper _output;
    private readonly string _temp = Directory.CreateTempSubdirectory("iamops-bad-input-").FullName;

    public BadInputCorpusTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Corpus_holds_at_least_200_cases_across_every_cmdlet()
    {
        var all = BadInputCorpus.InSandbox.Concat(BadInputCorpus.OutsideSandbox).ToList();

        Assert.True(all.Count >= 200, $"{all.Count} cases");
        Assert.Equal(all.Count, all.Select(c => c.Line).Distinct(StringComparer.Ordinal).Count());
        var cmdlets = HostedPowerShell.Run("(Get-Command -Module IamOps -CommandType Cmdlet).Name").Output.Select(o => o.ToString()).Where(n => n != "Exit-IamSandbox");
        Assert.All(cmdlets, cmdlet => Assert.Contains(all, c => c.Cmdlet == cmdlet));
    }

    [Fact]
    public void Every_bad_input_is_a_clear_error_record_and_changes_nothing()
    {
        var clock = Stopwatch.StartNew();
        var inSandbox = RunInSandbox(BadInputCorpus.InSandbox);
        var outside = RunOutsideSandbox(BadInputCorpus.OutsideSandbox);
        var checkedCases = inSandbox.Concat(outside).ToList();
        clock.Stop();

        var problems = checkedCases.SelectMany(c => c.Problems.Select(p => $"{c.Input.Line}\n    {p}")).ToList();
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"cases {checkedCases.Count} (in the sandbox {inSandbox.Count}, outside it against a simulator endpoint {outside.Count}), clear errors {checkedCases.Count(c => c.Problems.Count == 0)}, problems {problems.Count}, {clock.Elapsed.TotalSeconds:0.0} s"),
            "per cmdlet: " + string.Join(", ", checkedCases.GroupBy(c => c.Input.Cmdlet).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")),
            "categories: " + string.Join(", ", checkedCases.SelectMany(c => c.Categories).GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")),
            "mutating calls made by bad input: " + checkedCases.Where(c => c.InSandbox).Sum(c => c.Calls) + "; calls of any kind made outside the sandbox: " + checkedCases.Where(c => !c.InSandbox).Sum(c => c.Calls),
        };
        lines.AddRange(problems.Take(100));
        SweepReport.Write("bad-input", lines);
        foreach (var line in lines)
        {
            _output.WriteLine(line);
        }

        Assert.True(checkedCases.Count >= 200, $"{checkedCases.Count} cases");
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n" + string.Join("\n", problems.Take(30)));
    }

    private List<CheckedCase> RunInSandbox(IReadOnlyList<BadInput> cases)
    {
        var script = """
            Enter-IamSandbox | Out-Null
            $account = $IamOpsSandbox
            $aliceKey = (Add-IamDeveloper -UserName alice -CreateMissingGroup -ProgrammaticAccess).AccessKeyId
            $account.AddBucket('acme-reports', 'us-east-1', [NullString]::Value)
            $trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"' + $account.AccountId + '"},"Action":"sts:AssumeRole"}]}'
            $null = $account.Connect().Iam.CreateRoleAsync([IamOps.Aws.CreateRoleRequest]@{ RoleName = 'deploy'; AssumeRolePolicyDocument = $trust }, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
            $count = { $account.CallLog.MutatingCalls.Count }

            """ + Loop;
        return Run(script, cases, inSandbox: true);
    }

    private List<CheckedCase> RunOutsideSandbox(IReadOnlyList<BadInput> cases)
    {
        var script = """
            Enter-IamSandbox | Out-Null
            $account = $IamOpsSandbox
            Exit-IamSandbox
            $server = [IamOps.PowerShell.Tests.SandboxEndpoint]::Start($account)
            $endpoint = $server.BaseUrl.ToString()
            $count = { $account.CallLog.Calls.Count }
            try {

            """ + Loop + """

            }
            finally {
                $server.Dispose()
            }
            """;
        return Run(script, cases, inSandbox: false);
    }

    private List<CheckedCase> Run(string script, IReadOnlyList<BadInput> cases, bool inSandbox)
    {
        var existing = Path.Combine(_temp, "existing.csv");
        File.WriteAllText(existing, "keep");
        var badJson = Path.Combine(_temp, "bad.json");
        File.WriteAllText(badJson, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":");
        var credentials = Path.Combine(_temp, "credentials");
        File.WriteAllText(credentials, "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-a-real-secret\n");

        var run = HostedPowerShell.Run(script, new Dictionary<string, object?>
        {
            ["cases"] = cases.Select(c => c.Line).ToArray(),
            ["temp"] = _temp,
            ["existing"] = existing,
            ["badJson"] = badJson,
            ["credentials"] = credentials,
        });

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal("keep", File.ReadAllText(existing));
        var results = run.Output.Where(o => o.Properties["Line"] is not null).ToList();
        Assert.Equal(cases.Count, results.Count);
        return cases.Select((input, i) => Check(input, results[i], inSandbox)).ToList();
    }

    private static CheckedCase Check(BadInput input, PSObject result, bool inSandbox)
    {
        var records = ((IEnumerable<object>)result.Properties["Errors"].Value).Select(e => (ErrorRecord)(e is PSObject wrapped ? wrapped.BaseObject : e)).ToList();
        var calls = Convert.ToInt32(result.Properties["Calls"].Value, CultureInfo.InvariantCulture);
        var problems = new List<string>();
        if (records.Count == 0)
        {
            problems.Add("no error record");
        }

        foreach (var record in records)
        {
            var id = record.FullyQualifiedErrorId ?? string.Empty;
            var shortId = id.Split(',')[0];
            var message = record.Exception?.Message ?? string.Empty;
            var described = $"{id} [{record.CategoryInfo.Category}] {record.Exception?.GetType().Name}: {message}";
            if (shortId.Length == 0 || shortId.Contains('.', StringComparison.Ordinal) || shortId.EndsWith("Exception", StringComparison.Ordinal))
            {
                problems.Add("not a stable error id: " + described);
            }

            if (record.CategoryInfo.Category == ErrorCategory.NotSpecified)
            {
                problems.Add("category NotSpecified: " + described);
            }

            if (message.Length < 20 || message.Contains("   at ", StringComparison.Ordinal) || message.StartsWith("System.", StringComparison.Ordinal) || message.Contains("Object reference not set", StringComparison.Ordinal))
            {
                problems.Add("not a message a user can act on: " + described);
            }

            if (UnhandledExceptionTypes.Contains(record.Exception?.GetType().Name) || (record.Exception is RuntimeException && record.Exception.GetType() == typeof(RuntimeException)))
            {
                problems.Add("an unhandled exception: " + described);
            }
        }

        if (!records.Any(r => (r.FullyQualifiedErrorId ?? string.Empty).Split(',')[0] == input.ErrorId))
        {
            problems.Add($"expected {input.ErrorId}, got " + (records.Count == 0 ? "none" : string.Join(" | ", records.Select(r => $"{r.FullyQualifiedErrorId} [{r.CategoryInfo.Category}] {r.Exception?.Message}"))));
        }

        if (calls != 0)
        {
            problems.Add(inSandbox ? $"{calls} mutating call(s)" : $"{calls} call(s) reached the endpoint");
        }

        return new CheckedCase(input, inSandbox, calls, records.Select(r => r.CategoryInfo.Category).ToList(), problems);
    }

    private sealed record CheckedCase(BadInput Input, bool InSandbox, int Calls, IReadOnlyList<ErrorCategory> Categories, IReadOnlyList<string> Problems);
}
