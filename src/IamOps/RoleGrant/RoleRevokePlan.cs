using IamOps.Planning;

namespace IamOps.RoleGrant;

/// <summary>What undoing one grant takes, read from live state.</summary>
public sealed class RoleRevokePlan
{
    internal RoleRevokePlan(RoleRevokeRequest request, string? roleArn, IReadOnlyList<string> removedPrincipals, string? trustPolicyDocument, bool deletesRole, DateTime? sessionsRevokedBefore, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> warnings)
    {
        Request = request;
        RoleArn = roleArn;
        RemovedPrincipals = removedPrincipals;
        TrustPolicyDocument = trustPolicyDocument;
        DeletesRole = deletesRole;
        SessionsRevokedBefore = sessionsRevokedBefore;
        Changes = changes;
        Warnings = warnings;
    }

    public RoleRevokeRequest Request { get; }

    /// <summary>Null when the role does not exist.</summary>
    public string? RoleArn { get; }

    public IReadOnlyList<string> RemovedPrincipals { get; }

    /// <summary>The trust policy once applied; null when the role goes or is absent.</summary>
    public string? TrustPolicyDocument { get; }

    public bool DeletesRole { get; }

    public DateTime? SessionsRevokedBefore { get; }

    public IReadOnlyList<PlannedChange> Changes { get; }

    public IReadOnlyList<string> Warnings { get; }

    public RoleRevokeStatus DoneStatus =>
        Changes.Count == 0 ? RoleRevokeStatus.Unchanged
        : DeletesRole ? RoleRevokeStatus.RoleDeleted
        : RoleRevokeStatus.Revoked;

    internal RoleRevokeResult ToResult(string account, RoleRevokeStatus status, IReadOnlyList<string> changes) => new()
    {
        Status = status,
        RoleName = Request.RoleName,
        Account = account,
        RoleArn = RoleArn,
        GranteeType = Request.Grantees.Count == 0 ? null : Request.GranteeKind,
        Grantee = Request.Grantees,
        RemovedPrincipals = RemovedPrincipals,
        SessionsRevokedBefore = SessionsRevokedBefore,
        TrustPolicyDocument = TrustPolicyDocument,
        Changes = changes,
    };
}
