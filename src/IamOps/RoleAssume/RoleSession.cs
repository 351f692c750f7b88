using IamOps.Aws;

namespace IamOps.RoleAssume;

/// <summary>
/// Temporary credentials of an assumed role; pipes into AWS.Tools' Set-AWSCredential and every IamOps cmdlet by
/// property name (see <see cref="TemporarySession"/>).
/// </summary>
public sealed class RoleSession : TemporarySession
{
    /// <summary>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION.</summary>
    public string AssumedRoleArn { get; init; } = string.Empty;

    public string AssumedRoleId { get; init; } = string.Empty;

    public string? SourceIdentity { get; init; }

    /// <summary>Percent of the packed session policy and tag budget used, when reported.</summary>
    public int? PackedPolicySize { get; init; }

    public string RoleArn { get; init; } = string.Empty;

    public string RoleSessionName { get; init; } = string.Empty;

    /// <summary>Federated sessions: the token's sub (or the SAML NameID); null for AssumeRole.</summary>
    public string? Subject { get; init; }

    /// <summary>Federated sessions: the identity provider (issuer host or SAML provider ARN); null for AssumeRole.</summary>
    public string? Provider { get; init; }

    public override string Principal => AssumedRoleArn;

    /// <summary>The same session marked as served from the cache, with or without a verification.</summary>
    internal RoleSession With(bool fromCache, CallerIdentity? verified) => new()
    {
        AccessKeyId = AccessKeyId,
        SecretAccessKey = SecretAccessKey.Copy(),
        SessionToken = SessionToken.Copy(),
        Expiration = Expiration,
        AssumedRoleArn = AssumedRoleArn,
        AssumedRoleId = AssumedRoleId,
        SourceIdentity = SourceIdentity,
        PackedPolicySize = PackedPolicySize,
        Account = Account,
        RoleArn = RoleArn,
        RoleSessionName = RoleSessionName,
        Subject = Subject,
        Provider = Provider,
        FromCache = fromCache,
        VerifiedIdentity = verified,
    };
}
