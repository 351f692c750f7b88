namespace IamOps.Aws;

/// <summary>An IAM OpenID Connect provider (GetOpenIDConnectProvider).</summary>
public sealed record OidcProvider
{
    /// <summary>arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH.</summary>
    public string Arn { get; init; } = string.Empty;

    /// <summary>The issuer as IAM returns it: host and path, without https://.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The audiences (aud) IAM accepts in tokens of this provider.</summary>
    public IReadOnlyList<string> ClientIds { get; init; } = Array.Empty<string>();

    /// <summary>SHA-1 thumbprints (40 hex digits) of the issuer's certificate chain; empty when IAM uses its trusted CAs.</summary>
    public IReadOnlyList<string> Thumbprints { get; init; } = Array.Empty<string>();

    public DateTime CreateDate { get; init; }

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();
}

/// <summary>The parameters of IAM CreateOpenIDConnectProvider.</summary>
public sealed record CreateOidcProviderRequest
{
    /// <summary>https://HOST[/PATH]: the issuer (iss) of the tokens.</summary>
    public string Url { get; init; } = string.Empty;

    public IReadOnlyList<string> ClientIds { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Thumbprints { get; init; } = Array.Empty<string>();

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();
}

/// <summary>An IAM SAML provider (GetSAMLProvider).</summary>
public sealed record SamlProvider
{
    /// <summary>arn:aws:iam::ACCOUNT:saml-provider/NAME.</summary>
    public string Arn { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string MetadataDocument { get; init; } = string.Empty;

    public DateTime CreateDate { get; init; }

    public DateTime? ValidUntil { get; init; }
}

/// <summary>The parameters of STS AssumeRoleWithWebIdentity (no AWS credentials needed: the token is the proof).</summary>
public sealed record AssumeRoleWithWebIdentityRequest
{
    public string RoleArn { get; init; } = string.Empty;

    public string RoleSessionName { get; init; } = string.Empty;

    /// <summary>The OIDC ID token (a JWT) the identity provider issued.</summary>
    public string WebIdentityToken { get; init; } = string.Empty;

    /// <summary>Seconds, 900 to 43200; null leaves STS's default (3600).</summary>
    public int? DurationSeconds { get; init; }

    public string? Policy { get; init; }

    public IReadOnlyList<string> PolicyArns { get; init; } = Array.Empty<string>();

    /// <inheritdoc/>
    public override string ToString() => $"AssumeRoleWithWebIdentityRequest {{ RoleArn = {RoleArn}, RoleSessionName = {RoleSessionName} }}";
}

/// <summary>The parameters of STS AssumeRoleWithSAML.</summary>
public sealed record AssumeRoleWithSamlRequest
{
    public string RoleArn { get; init; } = string.Empty;

    /// <summary>The SAML provider's ARN.</summary>
    public string PrincipalArn { get; init; } = string.Empty;

    /// <summary>The base64 SAML response the identity provider posted.</summary>
    public string SamlAssertion { get; init; } = string.Empty;

    public int? DurationSeconds { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"AssumeRoleWithSamlRequest {{ RoleArn = {RoleArn}, PrincipalArn = {PrincipalArn} }}";
}

/// <summary>The answer of AssumeRoleWithWebIdentity / AssumeRoleWithSAML: the session and who the provider said the caller is.</summary>
public sealed record FederatedRoleSession
{
    public AssumedRoleSession Session { get; init; } = new();

    /// <summary>The token's sub (SubjectFromWebIdentityToken) or the SAML NameID.</summary>
    public string? Subject { get; init; }

    public string? Audience { get; init; }

    /// <summary>The issuer (web identity) or the SAML provider ARN.</summary>
    public string? Provider { get; init; }
}
