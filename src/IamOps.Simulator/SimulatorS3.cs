using IamOps.Aws;

namespace IamOps.Simulator;

/// <summary><see cref="IS3"/> in process: buckets added with <see cref="SimulatedAccount.AddBucket"/>.</summary>
internal sealed class SimulatorS3 : IS3
{
    private readonly SimulatorConnection _connection;

    public SimulatorS3(SimulatorConnection connection) => _connection = connection;

    // HEAD has no error body: S3 clients see only the status, as NotFound or Forbidden; the action is s3:ListBucket.
    public Task<BucketLocation> HeadBucketAsync(string bucketName, CancellationToken cancellationToken) =>
        Locate("HeadBucket", "s3:ListBucket", bucketName, head: true, cancellationToken);

    public Task<BucketLocation> GetBucketLocationAsync(string bucketName, CancellationToken cancellationToken) =>
        Locate("GetBucketLocation", "s3:GetBucketLocation", bucketName, head: false, cancellationToken);

    public IAsyncEnumerable<BucketSummary> ListBucketsAsync(CancellationToken cancellationToken) =>
        new DeferredList<BucketSummary>(() => _connection.Call("s3", "ListBuckets", null, _ => BucketRules.Owned(_connection.Account), "s3:ListAllMyBuckets", _ => new Permission("s3:ListAllMyBuckets", "*")));

    private Task<BucketLocation> Locate(string operation, string action, string bucketName, bool head, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var arn = "arn:aws:s3:::" + bucketName;
        return Task.FromResult(_connection.Call("s3", operation, arn, _ => BucketRules.Locate(_connection.Account, bucketName, head), action, _ => new Permission(action, arn)));
    }
}
