using System.Security;
using IamOps.Aws;

namespace IamOps.RoleAssume;

/// <summary>
/// Temporary credentials of an assumed role. The property names bind by name to AWS.Tools' Set-AWSCredential and to
/// every IamOps cmdlet's -AccessKey/-SecretKey/-SessionToken, so a session pipes straight into either.
/// </summary>
public sealed class RoleSession
{
    public string AccessKeyId { get; init; } = string.Empty;

    public SecureString SecretAccessKey { get; init; } = new();

    /// <summary>The session token: a credential like the secret key, so it travels as a SecureString too.</summary>
    public SecureString SessionToken { get; init; } = new();

    /// <summary>The access key id again under the name AWS.Tools' Set-AWSCredential and IamOps' -AccessKey bind by property name.</summary>
    public string AccessKey => AccessKeyId;

    /// <summary>The secret again under the name Set-AWSCredential's -SecretKey binds (IamOps' -SecretKey takes the SecureString).</summary>
    public SecureString SecretKey => SecretAccessKey;

    /// <summary>When the credentials stop working (UTC).</summary>
    public DateTime Expiration { get; init; }

    /// <summary>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION.</summary>
    public string AssumedRoleArn { get; init; } = string.Empty;

    public string AssumedRoleId { get; init; } = string.Empty;

    public string? SourceIdentity { get; init; }

    /// <summary>Percent of the packed session policy and tag budget used, when reported.</summary>
    public int? PackedPolicySize { get; init; }

    /// <summary>The role's account.</summary>
    public string Account { get; init; } = string.Empty;

    public string RoleArn { get; init; } = string.Empty;

    public string RoleSessionName { get; init; } = string.Empty;

    /// <summary>True when this session came from the in-memory cache instead of a new STS call.</summary>
    public bool FromCache { get; init; }

    /// <summary>With -Verify: who STS says the new credentials belong to.</summary>
    public CallerIdentity? VerifiedIdentity { get; init; }

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
        FromCache = fromCache,
        VerifiedIdentity = verified,
    };
}
