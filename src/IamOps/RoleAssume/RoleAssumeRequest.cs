namespace IamOps.RoleAssume;

/// <summary>What Invoke-IamRoleAssume was asked for, before the role ARN and session name are resolved.</summary>
public sealed record RoleAssumeRequest
{
    /// <summary>The role's full ARN; or leave it null and give <see cref="RoleName"/>.</summary>
    public string? RoleArn { get; init; }

    public string? RoleName { get; init; }

    /// <summary>The role's account when given by name; null means the caller's account.</summary>
    public string? AccountId { get; init; }

    /// <summary>Null derives one from the caller's name.</summary>
    public string? RoleSessionName { get; init; }

    /// <summary>Null leaves STS's default (one hour).</summary>
    public int? DurationSeconds { get; init; }

    public string? ExternalId { get; init; }

    public string? SerialNumber { get; init; }

    public string? TokenCode { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    public IReadOnlyList<string> TransitiveTagKeys { get; init; } = Array.Empty<string>();

    public string? SourceIdentity { get; init; }

    /// <summary>An inline session policy (JSON).</summary>
    public string? Policy { get; init; }

    public IReadOnlyList<string> PolicyArns { get; init; } = Array.Empty<string>();

    /// <summary>Ask STS again even when a cached session is still good.</summary>
    public bool NoCache { get; init; }

    /// <summary>Add the GetCallerIdentity answer made with the new credentials.</summary>
    public bool Verify { get; init; }

    /// <summary>
    /// How long to keep retrying an AccessDenied that may be IAM's eventual consistency (a role or trust policy changed
    /// seconds ago); null or zero fails on the first denial.
    /// </summary>
    public TimeSpan? WaitForRole { get; init; }
}
