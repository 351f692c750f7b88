using IamOps.Aws;

namespace IamOps.Simulator;

/// <summary>What S3 answers about buckets: which are the account's, where one is, that it does not exist (404), or that it is someone else's (403).</summary>
internal static class BucketRules
{
    /// <param name="head">HeadBucket: no error body, so the codes are what S3 clients make of the bare status.</param>
    public static BucketLocation Locate(SimulatedAccount account, string bucketName, bool head)
    {
        if (!account.State.Buckets.TryGetValue(bucketName, out var bucket))
        {
            throw new ServiceError(head ? "NotFound" : "NoSuchBucket", 404, head ? "Not Found" : "The specified bucket does not exist");
        }

        return bucket.OwnerAccountId == account.AccountId
            ? new BucketLocation(bucket.Name, bucket.Region)
            : throw new ServiceError(head ? "Forbidden" : "AccessDenied", 403, head ? "Forbidden" : "Access Denied");
    }

    /// <summary>ListBuckets: the account's own buckets by name (the simulator keeps no creation date).</summary>
    public static IReadOnlyList<BucketSummary> Owned(SimulatedAccount account) =>
        account.State.Buckets.Values
            .Where(b => b.OwnerAccountId == account.AccountId)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .Select(b => new BucketSummary(b.Name, null, b.Region))
            .ToList();
}
