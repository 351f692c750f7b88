namespace IamOps.Aws;

/// <summary>A bucket as S3 ListBuckets describes it; the region only when S3 reports it.</summary>
public sealed record BucketSummary(string BucketName, DateTime? CreationDate, string? Region);
