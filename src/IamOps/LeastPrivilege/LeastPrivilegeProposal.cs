using IamOps.Policy;

namespace IamOps.LeastPrivilege;

/// <summary>
/// A right-sized policy for a user or role: the document, what it keeps and removes compared with what the entity is
/// granted now, the engine's lint findings for it, and (with -Apply) what was written.
/// </summary>
public sealed record LeastPrivilegeProposal
{
    public string TargetName { get; init; } = string.Empty;

    /// <summary>User or Role.</summary>
    public string TargetKind { get; init; } = string.Empty;

    public string TargetArn { get; init; } = string.Empty;

    public int Days { get; init; }

    /// <summary>The proposed identity policy (JSON); null when nothing was used in the last <see cref="Days"/> days.</summary>
    public string? Document { get; init; }

    /// <summary>The services the entity is granted now (Access Advisor's list).</summary>
    public IReadOnlyList<string> GrantedServices { get; init; } = Array.Empty<string>();

    /// <summary>The services the proposal keeps: used within <see cref="Days"/> days.</summary>
    public IReadOnlyList<string> KeptServices { get; init; } = Array.Empty<string>();

    /// <summary>Granted services not used within <see cref="Days"/> days.</summary>
    public IReadOnlyList<string> RemovedServices { get; init; } = Array.Empty<string>();

    /// <summary>The actions the proposal names one by one (services IAM tracks per action); other kept services are kept whole (<c>svc:*</c>).</summary>
    public IReadOnlyList<string> KeptActions { get; init; } = Array.Empty<string>();

    /// <summary>Tracked actions of kept services that are granted but were not used within <see cref="Days"/> days.</summary>
    public IReadOnlyList<string> RemovedActions { get; init; } = Array.Empty<string>();

    /// <summary>The engine's findings for <see cref="Document"/> (as Test-IamPolicy lints an identity policy).</summary>
    public IReadOnlyList<PolicyFinding> Findings { get; init; } = Array.Empty<PolicyFinding>();

    /// <summary>No finding of severity Error or SecurityWarning.</summary>
    public bool IsClean => Document is not null && Findings.All(f => f.Severity is not (FindingSeverity.Error or FindingSeverity.SecurityWarning));

    public string? PolicyName { get; init; }

    public string? PolicyArn { get; init; }

    public LeastPrivilegeStatus Status { get; init; } = LeastPrivilegeStatus.Proposed;

    /// <summary>The changes planned for -Apply, as sentences ("Created policy ...", "Would delete policy version v1 ...").</summary>
    public IReadOnlyList<string> Changes { get; init; } = Array.Empty<string>();
}
