namespace IamOps.Aws;

/// <summary>The S3 calls IamOps makes: which buckets the account owns, whether a bucket exists and where it lives.</summary>
public interface IS3
{
    /// <summary>The bucket and its region (from the x-amz-bucket-region header); ObjectNotFound when it does not exist.</summary>
    Task<BucketLocation> HeadBucketAsync(string bucketName, CancellationToken cancellationToken);

    /// <summary>The bucket's region code, normalized: us-east-1 for an empty constraint, eu-west-1 for "EU".</summary>
    Task<BucketLocation> GetBucketLocationAsync(string bucketName, CancellationToken cancellationToken);

    /// <summary>The caller's own buckets, by name, paging inside (ContinuationToken); stopping early stops paging.</summary>
    IAsyncEnumerable<BucketSummary> ListBucketsAsync(CancellationToken cancellationToken);
}
