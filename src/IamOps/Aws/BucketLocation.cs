namespace IamOps.Aws;

/// <summary>An S3 bucket that exists and the region it lives in.</summary>
public sealed record BucketLocation(string BucketName, string Region);
