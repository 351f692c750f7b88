namespace IamOps.Offboarding;

/// <summary>One Remove-IamDeveloper input: the user, and whether to disable (keep) it instead of deleting it.</summary>
public sealed record OffboardingRequest
{
    public string UserName { get; init; } = string.Empty;

    /// <summary>Keep the user for the audit trail: deactivate keys, remove the console password and groups, tag it.</summary>
    public bool Disable { get; init; }
}
