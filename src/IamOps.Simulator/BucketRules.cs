using IamOps.Aws;

namespace IamOps.Simulator;

/// <summary>What S3 answers about a bucket: where it is, that it does not exist (404), or that it is someone else's (403).</summary>
internal static class BucketRules
{
    public static BucketLocation Locate(SimulatedAccount account, string bucketName)
    {
        if (!account.State.Buckets.TryGetValue(bucketName, out var bucket))
        {
            throw new ServiceError("NoSuchBucket", 404, "The specified bucket does not exist");
        }

        return bucket.OwnerAccountId == account.AccountId
            ? new BucketLocation(bucket.Name, bucket.Region)
            : throw ServiceError.AccessDenied("Access Denied");
    }
}
