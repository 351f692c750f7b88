using IamOps.Simulator;

namespace IamOps.Tests.Reliability;

/// <summary>
/// One operation the fault sweep drives: how to make its starting account, and how to run it there through the same
/// planner and apply path its cmdlet uses.
/// </summary>
/// <param name="Name">Short and stable: it names the theory case and the line in the sweep report.</param>
/// <param name="PrepareAsync">A fresh account with the scenario's preconditions, ready to run the operation.</param>
/// <param name="EffectOperations">
/// Calls that redo the work besides the mutating ones (e.g. AssumeRole): a converged re-run makes none of them either.
/// </param>
internal sealed record SweepScenario(string Name, Func<Task<ScenarioInstance>> PrepareAsync, params string[] EffectOperations)
{
    /// <summary>The faults tried at each call; every kind unless the scenario says otherwise.</summary>
    public IReadOnlyList<SweepFault> Faults { get; init; } = SweepFaults.All;

    public override string ToString() => Name;
}

/// <summary>A scenario's account, ready to run its operation as often as the sweep asks.</summary>
internal sealed class ScenarioInstance : IDisposable
{
    /// <param name="runAsync">
    /// Runs the operation once; true when it reported full success (no failed item or control). A terminating error
    /// is an <see cref="IamOpsException"/>, as the cmdlet's; any other exception is a bug the sweep reports.
    /// </param>
    /// <param name="extraState">State outside IAM the operation keeps (e.g. the role-session cache), compared like the account's.</param>
    /// <param name="resources">What the instance holds open, e.g. the simulator's HTTP endpoint.</param>
    public ScenarioInstance(SimulatedAccount account, Func<Task<bool>> runAsync, Func<string>? extraState = null, IDisposable? resources = null)
    {
        Account = account;
        RunAsync = runAsync;
        ExtraState = extraState ?? (() => string.Empty);
        Resources = resources;
    }

    public IDisposable? Resources { get; }

    public SimulatedAccount Account { get; }

    public Func<Task<bool>> RunAsync { get; }

    public Func<string> ExtraState { get; }

    /// <summary>The normalized IAM state plus <see cref="ExtraState"/>.</summary>
    public string Snapshot() => AccountSnapshot.Of(Account) + ExtraState();

    public void Dispose() => Resources?.Dispose();
}

/// <summary>A run that set a password or made a key and did not hand its secret out: the sweep reports it as a problem.</summary>
internal sealed class SecretNotDeliveredException : Exception
{
    public SecretNotDeliveredException(string message)
        : base(message)
    {
    }
}
