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
}
