namespace IamOps.Simulator;

/// <summary>IAM's default quotas and fixed limits (IAM-REFERENCE §1, "Quotas").</summary>
internal static class IamQuotas
{
    public const int GroupsPerUser = 10;
    public const int AttachedPoliciesPerGroup = 10;
    public const int AccessKeysPerUser = 2;
    public const int VersionsPerPolicy = 5;
    public const int MfaDevicesPerUser = 8;
    public const int RolesPerInstanceProfile = 1;
    public const int UserPolicySize = 2048;
    public const int GroupPolicySize = 5120;
    public const int RolePolicySize = 10240;
    public const int PolicySize = 6144;
    public const int UserNameLength = 64;
    public const int RoleNameLength = 64;
    public const int OtherNameLength = 128;
}
