using IamOps.Aws;

namespace IamOps.RoleAssume;

/// <summary>
/// A user's temporary credentials from STS GetSessionToken, made with an MFA code: what an account that requires MFA
/// (IamOps-RequireMFA) lets its users work with.
/// </summary>
public sealed class MfaSession : TemporarySession
{
    /// <summary>The user the session belongs to.</summary>
    public string UserArn { get; init; } = string.Empty;

    /// <summary>The MFA device whose code made the session; null for a session made without MFA.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>True when an MFA code was given: IAM then sees aws:MultiFactorAuthPresent = true.</summary>
    public bool MultiFactorAuthPresent => SerialNumber is not null;

    public override string Principal => UserArn;

    internal MfaSession With(bool fromCache, CallerIdentity? verified) => new()
    {
        AccessKeyId = AccessKeyId,
        SecretAccessKey = SecretAccessKey.Copy(),
        SessionToken = SessionToken.Copy(),
        Expiration = Expiration,
        Account = Account,
        UserArn = UserArn,
        SerialNumber = SerialNumber,
        FromCache = fromCache,
        VerifiedIdentity = verified,
    };
}
