using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>How Test-IamPolicy checks: what it lints as, the question it decides, and the gate's threshold.</summary>
public sealed record PolicyTestSettings
{
    /// <summary>What lint mode validates documents as.</summary>
    public PolicyValidationOptions Lint { get; init; } = new();

    /// <summary>Decide mode's question as given; no actions means lint mode.</summary>
    public DecisionParameters Question { get; init; } = new();

    /// <summary>Turns a policy given as a value (text, dictionary, object) into JSON; throws an IamOpsException when it cannot.</summary>
    public Func<object?, string, string> ToJson { get; init; } = (value, _) => value as string ?? string.Empty;

    /// <summary>The items of a value that is a list of documents, else null.</summary>
    public Func<object?, IReadOnlyList<object?>?> AsList { get; init; } = _ => null;

    /// <summary>The least serious finding severity that fails the gate.</summary>
    public FindingSeverity FailOn { get; init; } = FindingSeverity.Error;
}
