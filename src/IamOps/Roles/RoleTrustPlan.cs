using IamOps.Planning;

namespace IamOps.Roles;

/// <summary>What a role needs so that it exists and trusts the requested principals, and the changes that get it there.</summary>
public sealed class RoleTrustPlan
{
    internal RoleTrustPlan(string roleName, string roleArn, bool roleExists, string trustPolicyDocument, IReadOnlyList<TrustPrincipal> addedPrincipals, string? instanceProfileName, bool createsInstanceProfile, int maxSessionDuration, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> warnings)
    {
        RoleName = roleName;
        RoleArn = roleArn;
        RoleExists = roleExists;
        TrustPolicyDocument = trustPolicyDocument;
        AddedPrincipals = addedPrincipals;
        InstanceProfileName = instanceProfileName;
        CreatesInstanceProfile = createsInstanceProfile;
        MaxSessionDuration = maxSessionDuration;
        Changes = changes;
        Warnings = warnings;
    }

    public string RoleName { get; }

    public string RoleArn { get; }

    /// <summary>False when the plan creates the role.</summary>
    public bool RoleExists { get; }

    /// <summary>The trust policy once the plan is applied.</summary>
    public string TrustPolicyDocument { get; }

    /// <summary>The principals the trust policy gains (all of them for a new role).</summary>
    public IReadOnlyList<TrustPrincipal> AddedPrincipals { get; }

    /// <summary>The instance profile holding the role once the plan is applied; null when none was asked for.</summary>
    public string? InstanceProfileName { get; }

    /// <summary>True when the plan creates the instance profile (services see a new one only after IAM's propagation delay).</summary>
    public bool CreatesInstanceProfile { get; }

    /// <summary>The role's maximum session duration in seconds once the plan is applied.</summary>
    public int MaxSessionDuration { get; }

    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>What the user should know, e.g. that an existing statement trusts a principal without the requested conditions.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
