namespace IamOps.Connection;

/// <summary>The AWS.Tools-style connection values a cmdlet was given; every one is optional.</summary>
public sealed class ConnectionParameters
{
    public string? ProfileName { get; init; }

    public string? ProfileLocation { get; init; }

    public string? Region { get; init; }

    /// <summary>An AWSCredentials object from any module (bound by shape), or an object with AccessKeyId/SecretAccessKey.</summary>
    public object? Credential { get; init; }

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    public string? SessionToken { get; init; }

    public string? EndpointUrl { get; init; }

    /// <summary>Sign nothing: for STS calls whose proof is a token or assertion (AssumeRoleWithWebIdentity, AssumeRoleWithSAML).</summary>
    public bool Anonymous { get; init; }
}
