namespace IamOps.Policy.Evaluation;

/// <summary>How a Principal element names the caller, which decides whether a resource policy can grant alone.</summary>
internal enum PrincipalGrant
{
    /// <summary>Not named.</summary>
    None,

    /// <summary>Named through its account: the account's own policies must still allow.</summary>
    Account,

    /// <summary>A role session named through its role ARN: boundary and session policy still limit.</summary>
    Role,

    /// <summary>Named directly (user ARN, session ARN, "*", service): the resource policy grants alone.</summary>
    Direct,
}
