namespace IamOps.Simulator;

/// <summary>
/// The account-level IAM quotas AWS lets an account raise (defaults as AWS sets them). Load tests may raise them past
/// AWS's maxima (users 5000, roles, policies and instance profiles 5000, groups 500); a sandbox for runbooks should not.
/// </summary>
public sealed class AccountQuotas
{
    public int Users { get; set; } = 5000;

    public int Groups { get; set; } = 300;

    public int Roles { get; set; } = 1000;

    public int Policies { get; set; } = 1500;

    public int InstanceProfiles { get; set; } = 1000;

    /// <summary>Managed policies attached to one user; AWS allows raising it to 20.</summary>
    public int ManagedPoliciesPerUser { get; set; } = 10;

    /// <summary>Managed policies attached to one role; AWS allows raising it to 20.</summary>
    public int ManagedPoliciesPerRole { get; set; } = 10;

    /// <summary>Counted characters of a role trust policy; AWS allows raising it to 4096.</summary>
    public int RoleTrustPolicySize { get; set; } = 2048;
}
