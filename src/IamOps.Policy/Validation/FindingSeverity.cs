namespace IamOps.Policy;

/// <summary>How serious a finding is; the same four levels as IAM Access Analyzer, most serious first.</summary>
public enum FindingSeverity
{
    /// <summary>IAM rejects the policy or it does not do what it says.</summary>
    Error,

    /// <summary>The policy grants more than is safe.</summary>
    SecurityWarning,

    /// <summary>The policy works but is likely not what was meant.</summary>
    Warning,

    /// <summary>The policy can be written more simply.</summary>
    Suggestion,
}
