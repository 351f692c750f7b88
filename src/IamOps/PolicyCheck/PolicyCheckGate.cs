using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>
/// The pass/fail rule behind -Quiet and -FailOn: findings at or above a severity fail, a decision other than Allowed
/// fails, and so does any input that could not be read (a gate must not pass on a missing file).
/// </summary>
public sealed class PolicyCheckGate
{
    private readonly FindingSeverity _threshold;
    private readonly List<PolicyCheckFinding> _failing = new();
    private int _unreadableInputs;
    private int _deniedDecisions;

    /// <param name="threshold">The least serious severity that fails; Error fails only on errors.</param>
    public PolicyCheckGate(FindingSeverity threshold) => _threshold = threshold;

    /// <summary>The findings at or above the threshold, in the order they were seen.</summary>
    public IReadOnlyList<PolicyCheckFinding> FailingFindings => _failing;

    public bool Passed => _failing.Count == 0 && _unreadableInputs == 0 && _deniedDecisions == 0;

    // FindingSeverity lists the most serious first, so "at or above" is "not greater than".
    public void Record(PolicyCheckFinding finding)
    {
        if (finding.Severity <= _threshold)
        {
            _failing.Add(finding);
        }
    }

    public void Record(PolicyCheckDecision decision)
    {
        if (!decision.IsAllowed)
        {
            _deniedDecisions++;
        }
    }

    public void RecordUnreadableInput() => _unreadableInputs++;

    /// <summary>The terminating failure for -FailOn; null when the gate passed.</summary>
    public IamOpsException? Failure()
    {
        if (_failing.Count == 0 && _unreadableInputs == 0)
        {
            return null;
        }

        const int Listed = 20;
        var lines = _failing.Take(Listed).Select(f => "  " + f).ToList();
        if (_failing.Count > Listed)
        {
            lines.Add($"  ... and {_failing.Count - Listed} more.");
        }

        if (_unreadableInputs > 0)
        {
            lines.Add($"  {_unreadableInputs} input(s) could not be read (see the errors above).");
        }

        return new IamOpsException("PolicyCheckFailed", FailureKind.InvalidData,
            $"{_failing.Count} finding(s) at or above {_threshold}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{Environment.NewLine}Fix them, or raise -FailOn to a less serious level.");
    }
}
