using System.Security;
using IamOps.Aws;

namespace IamOps.RoleAssume;

/// <summary>
/// Temporary STS credentials (a role session or a user's MFA session). The property names bind by name to AWS.Tools'
/// Set-AWSCredential and to every IamOps cmdlet's -AccessKey/-SecretKey/-SessionToken, so a session pipes straight into either.
/// </summary>
public abstract class TemporarySession
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

    /// <summary>The account the credentials act in.</summary>
    public string Account { get; init; } = string.Empty;

    /// <summary>True when this session came from the in-memory cache instead of a new STS call.</summary>
    public bool FromCache { get; init; }

    /// <summary>With -Verify: who STS says the credentials belong to.</summary>
    public CallerIdentity? VerifiedIdentity { get; init; }

    /// <summary>Who the credentials act as, for messages and saved profiles (a role session ARN, or a user ARN).</summary>
    public abstract string Principal { get; }
}
