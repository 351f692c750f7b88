namespace IamOps.Policies;

/// <summary>Policy sizes as IAM counts them against its quotas: every character except whitespace outside strings.</summary>
public static class PolicySize
{
    /// <summary>All inline policies of one user, together.</summary>
    public const int UserInlineLimit = 2048;

    /// <summary>All inline policies of one group, together.</summary>
    public const int GroupInlineLimit = 5120;

    /// <summary>All inline policies of one role, together.</summary>
    public const int RoleInlineLimit = 10240;

    /// <summary>One customer managed policy version.</summary>
    public const int ManagedLimit = 6144;

    /// <summary>A role's trust policy at the default quota (it can be raised to 4096).</summary>
    public const int TrustPolicyLimit = 2048;

    public static int InlineLimit(Aws.IdentityKind kind) => kind switch
    {
        Aws.IdentityKind.User => UserInlineLimit,
        Aws.IdentityKind.Group => GroupInlineLimit,
        _ => RoleInlineLimit,
    };

    /// <summary>The size IAM counts (the engine's <see cref="Policy.PolicyTextSize"/>): whitespace outside strings left out.</summary>
    public static int Count(string document) => Policy.PolicyTextSize.Count(document);
}
