using Xunit.Abstractions;

namespace IamOps.Tests.Reliability;

/// <summary>
/// Issue #10, reliability: for each mutating scenario, a fault at every call of its fault-free run, of every kind,
/// then a re-run without faults converges on the fault-free state: no duplicate access keys, nothing orphaned, and a
/// further re-run changes nothing. The counts go to the test output and to TestResults/sweeps/fault-injection.txt.
/// </summary>
public sealed class FaultSweepTests : IClassFixture<FaultSweepTests.Report>
{
    private readonly Report _report;
    private readonly ITestOutputHelper _output;

    public FaultSweepTests(Report report, ITestOutputHelper output)
    {
        _report = report;
        _output = output;
    }

    public static TheoryData<string> Scenarios => new(SweepScenarios.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_fault_of_every_kind_at_every_call_converges_on_the_next_run(string scenario)
    {
        var result = await FaultSweep.RunAsync(SweepScenarios.Named(scenario));

        _report.Add(result);
        _output.WriteLine(result.Summary);
        foreach (var orphan in result.ReferenceOrphans)
        {
            _output.WriteLine("  in the fault-free run too: " + orphan);
        }

        foreach (var problem in result.Problems.Take(20))
        {
            _output.WriteLine("  " + problem);
        }

        Assert.True(result.Calls > 0, "the fault-free run makes calls");
        Assert.Equal(result.Calls * result.FaultKinds, result.Tried);
        Assert.True(result.Problems.Count == 0, $"{result.Problems.Count} problem(s), first: {result.Problems.FirstOrDefault()}");
        Assert.Equal(result.Tried, result.Converged);
    }

    [Fact]
    public async Task The_sweep_catches_a_run_that_makes_a_second_access_key_after_a_lost_answer()
    {
        var careless = new SweepScenario("careless", () =>
        {
            var account = new IamOps.Simulator.SimulatedAccount("123456789012");
            var iam = account.Connect().Iam;
            return Task.FromResult(new ScenarioInstance(account, async () =>
            {
                await IamOps.Aws.IamLookup.CreateOrKeepAsync(() => iam.CreateUserAsync(new IamOps.Aws.CreateUserRequest { UserName = "alice" }, CancellationToken.None));
                if ((await IamOps.Aws.IamLookup.ToListAsync(iam.ListAccessKeysAsync("alice", CancellationToken.None), CancellationToken.None)).Count < 2)
                {
                    await iam.CreateAccessKeyAsync("alice", CancellationToken.None);
                }

                return true;
            }));
        });

        var result = await FaultSweep.RunAsync(careless, new[] { SweepFault.TimeoutAfterApply });

        Assert.NotEqual(result.Tried, result.Converged);
        Assert.Contains(result.Problems, p => p.Contains("re-running the fault-free run", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("duplicate access key: alice has 2 access keys, expected 1", StringComparison.Ordinal));
    }

    /// <summary>Collects every scenario's result and writes the report once the class has run.</summary>
    public sealed class Report : IDisposable
    {
        private readonly List<SweepResult> _results = new();

        internal void Add(SweepResult result)
        {
            lock (_results)
            {
                _results.Add(result);
            }
        }

        public void Dispose()
        {
            lock (_results)
            {
                if (_results.Count == 0)
                {
                    return;
                }

                var ordered = _results.OrderBy(r => SweepScenarios.All.ToList().FindIndex(s => s.Name == r.Scenario)).ToList();
                var lines = new List<string>
                {
                    "Fault kinds: " + string.Join(", ", SweepFaults.All) + " (ThrottlingBeyondRetries: 5 consecutive throttles of the operation; *AfterApply: the change is made, then the failure is reported).",
                    "Each schedule: fresh account, fault at call k (every call of the fault-free run), run (if it reports success its state must already match, and every password or key it made must have been handed out), re-run without faults (state must equal the fault-free run's: no duplicate keys, no orphans), second re-run (no mutating call).",
                    "In process through the planners and appliers the cmdlets use (batch at -ThrottleLimit 1 for a fixed call order); *-over-http through IamOps' own IAM/STS clients and the SDK's retries against the simulator's endpoint (a withheld answer ends after 50 ms), all kinds but ThrottlingBeyondRetries.",
                };
                lines.AddRange(ordered.Select(r => r.Summary));
                lines.Add(FormattableString.Invariant($"TOTAL scenarios {ordered.Count}, schedules tried {ordered.Sum(r => r.Tried)}, converged {ordered.Sum(r => r.Converged)}, problems {ordered.Sum(r => r.Problems.Count)}, {ordered.Sum(r => r.Elapsed.TotalSeconds):0.0} s"));
                lines.AddRange(ordered.SelectMany(r => r.ReferenceOrphans.Select(o => r.Scenario + ": in the fault-free run too (so expected): " + o)));
                lines.AddRange(ordered.SelectMany(r => r.Problems.Take(50).Select(p => r.Scenario + ": " + p)));
                SweepReportFile.Write("fault-injection", lines);
            }
        }
    }
}
