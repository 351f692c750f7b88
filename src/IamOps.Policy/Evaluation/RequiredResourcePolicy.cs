namespace IamOps.Policy.Evaluation;

/// <summary>The resource policies that must allow, whatever identity policies say: a role's trust policy and a KMS key policy.</summary>
internal enum RequiredResourcePolicy
{
    None,

    /// <summary>sts:AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML, TagSession, SetSourceIdentity on an IAM role.</summary>
    RoleTrust,

    /// <summary>A kms: action on a KMS key.</summary>
    KeyPolicy,
}
