namespace IamOps.Aws;

/// <summary>An IAM group.</summary>
public sealed record IamGroup
{
    public string GroupName { get; init; } = string.Empty;

    public string GroupId { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    public string Path { get; init; } = "/";

    public DateTime CreateDate { get; init; }
}
