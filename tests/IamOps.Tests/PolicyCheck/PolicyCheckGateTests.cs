using IamOps.Policy;
using IamOps.PolicyCheck;

namespace IamOps.Tests.PolicyCheck;

public sealed class PolicyCheckGateTests
{
    private static PolicyCheckFinding Finding(FindingSeverity severity) => new() { Severity = severity, CheckId = "CHECK_" + severity, Message = "m", Source = "p.json" };

    [Theory]
    [InlineData(FindingSeverity.Error, FindingSeverity.Error, false)]
    [InlineData(FindingSeverity.Error, FindingSeverity.SecurityWarning, true)]
    [InlineData(FindingSeverity.SecurityWarning, FindingSeverity.Error, false)]
    [InlineData(FindingSeverity.SecurityWarning, FindingSeverity.Warning, true)]
    [InlineData(FindingSeverity.Suggestion, FindingSeverity.Suggestion, false)]
    public void A_finding_fails_the_gate_when_it_is_at_or_above_the_threshold(FindingSeverity threshold, FindingSeverity found, bool passes)
    {
        var gate = new PolicyCheckGate(threshold);

        gate.Record(Finding(found));

        Assert.Equal(passes, gate.Passed);
        Assert.Equal(passes, gate.Failure() is null);
    }

    [Fact]
    public void The_failure_lists_the_failing_findings_with_a_stable_id()
    {
        var gate = new PolicyCheckGate(FindingSeverity.Warning);
        gate.Record(Finding(FindingSeverity.Warning));
        gate.Record(Finding(FindingSeverity.Suggestion));

        var failure = gate.Failure()!;

        Assert.Equal("PolicyCheckFailed", failure.ErrorId);
        Assert.Equal(FailureKind.InvalidData, failure.Kind);
        Assert.Contains("CHECK_Warning", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CHECK_Suggestion", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_input_fails_the_gate_even_without_findings()
    {
        var gate = new PolicyCheckGate(FindingSeverity.Suggestion);

        gate.RecordUnreadableInput();

        Assert.False(gate.Passed);
        Assert.Contains("could not be read", gate.Failure()!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_decision_but_Allowed_fails_Quiet()
    {
        var gate = new PolicyCheckGate(FindingSeverity.Error);
        gate.Record(new PolicyCheckDecision { Decision = EvaluationDecision.Allowed });
        Assert.True(gate.Passed);

        gate.Record(new PolicyCheckDecision { Decision = EvaluationDecision.ImplicitDeny });

        Assert.False(gate.Passed);
    }
}
