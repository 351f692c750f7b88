using IamOps.Aws;

namespace IamOps.Simulator;

/// <summary><see cref="IS3"/> in process: buckets added with <see cref="SimulatedAccount.AddBucket"/>.</summary>
internal sealed class SimulatorS3 : IS3
{
    private readonly SimulatorConnection _connection;

    public SimulatorS3(SimulatorConnection connection) => _connection = connection;

    public Task<BucketLocation> HeadBucketAsync(string bucketName, CancellationToken cancellationToken) => Locate("HeadBucket", bucketName, cancellationToken);

    public Task<BucketLocation> GetBucketLocationAsync(string bucketName, CancellationToken cancellationToken) => Locate("GetBucketLocation", bucketName, cancellationToken);

    private Task<BucketLocation> Locate(string operation, string bucketName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_connection.Call("s3", operation, bucketName, _ => BucketRules.Locate(_connection.Account, bucketName)));
    }
}
