using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using IamOps.Connection;

namespace IamOps.Aws;

/// <summary><see cref="IS3"/> on AWSSDK.S3: the account's buckets, does a bucket exist, and in which region.</summary>
internal sealed class S3Adapter : IS3, IDisposable
{
    /// <summary>ListBuckets' page size: S3 allows up to 10000; a page this size answers quickly.</summary>
    internal const int PageSize = 1000;

    private readonly AmazonS3Client _client;

    public S3Adapter(ResolvedConnection connection) => _client = new AmazonS3Client(connection.Credentials, ConfigFor(connection));

    internal static AmazonS3Config ConfigFor(ResolvedConnection connection) =>
        AwsConnection.Configure(new AmazonS3Config
        {
            // Local endpoints (the sandbox, emulators) have no per-bucket DNS names.
            ForcePathStyle = connection.EndpointUrl is not null,
        }, connection);

    public async Task<BucketLocation> HeadBucketAsync(string bucketName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = bucketName }, cancellationToken).ConfigureAwait(false);
            return new BucketLocation(bucketName, string.IsNullOrEmpty(response.BucketRegion) ? await LocateAsync(bucketName, cancellationToken).ConfigureAwait(false) : response.BucketRegion);
        }
        catch (AmazonS3Exception ex) when (IsRedirect(ex))
        {
            // The bucket exists in another region; GetBucketLocation answers from any region.
            return new BucketLocation(bucketName, await LocateAsync(bucketName, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "s3:ListBucket", "arn:aws:s3:::" + bucketName);
        }
    }

    public async Task<BucketLocation> GetBucketLocationAsync(string bucketName, CancellationToken cancellationToken) =>
        new(bucketName, await LocateAsync(bucketName, cancellationToken).ConfigureAwait(false));

    public async IAsyncEnumerable<BucketSummary> ListBucketsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            ListBucketsResponse response;
            try
            {
                response = await _client.ListBucketsAsync(new ListBucketsRequest { MaxBuckets = PageSize, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
            {
                throw AwsErrorTranslator.Translate(ex, "s3:ListAllMyBuckets", "*");
            }

            // AWSSDK v4 leaves an empty list null.
            foreach (var bucket in response.Buckets ?? new List<S3Bucket>())
            {
                yield return new BucketSummary(bucket.BucketName, bucket.CreationDate, string.IsNullOrEmpty(bucket.BucketRegion) ? null : bucket.BucketRegion);
            }

            token = response.ContinuationToken;
            if (string.IsNullOrEmpty(token))
            {
                yield break;
            }

            if (!seen.Add(token!))
            {
                throw new IamOpsException("AwsPagingBroken", FailureKind.InvalidData,
                    "s3:ListBuckets returned the same ContinuationToken twice. Check that -EndpointUrl/AWS_ENDPOINT_URL points at S3.", "*");
            }
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>S3 reports us-east-1 as an empty constraint and eu-west-1 by its legacy name EU.</summary>
    internal static string NormalizeRegion(string? constraint) => constraint switch
    {
        null or "" => "us-east-1",
        "EU" => "eu-west-1",
        _ => constraint,
    };

    private async Task<string> LocateAsync(string bucketName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucketName }, cancellationToken).ConfigureAwait(false);
            return NormalizeRegion(response.Location?.Value);
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "s3:GetBucketLocation", "arn:aws:s3:::" + bucketName);
        }
    }

    private static bool IsRedirect(AmazonS3Exception ex) =>
        ex.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect or HttpStatusCode.TemporaryRedirect or HttpStatusCode.BadRequest;
}
