namespace IamOps.Aws;

/// <summary>When an access key last signed a request, where and to which service; nulls when it never has (IAM: N/A).</summary>
public sealed record AccessKeyLastUsed
{
    public string UserName { get; init; } = string.Empty;

    public string AccessKeyId { get; init; } = string.Empty;

    public DateTime? LastUsedDate { get; init; }

    public string? ServiceName { get; init; }

    public string? Region { get; init; }
}
