using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IamOps.Connection;
using SdkAssumeRoleRequest = Amazon.SecurityToken.Model.AssumeRoleRequest;

namespace IamOps.Aws;

/// <summary><see cref="ISts"/> on AWSSDK.SecurityToken: regional STS endpoints, the SDK's retries and signing.</summary>
internal sealed partial class StsAdapter : ISts, IDisposable
{
    private readonly AmazonSecurityTokenServiceClient _client;

    public StsAdapter(ResolvedConnection connection) =>
        _client = new AmazonSecurityTokenServiceClient(connection.Credentials, ConfigFor(connection));

    /// <summary>AWSSDK 4 resolves sts.{region}.amazonaws.com for the region: regional endpoints are the default.</summary>
    internal static AmazonSecurityTokenServiceConfig ConfigFor(ResolvedConnection connection) =>
        AwsConnection.Configure(new AmazonSecurityTokenServiceConfig(), connection);

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return new CallerIdentity(response.Account, response.Arn, response.UserId);
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "sts:GetCallerIdentity", null);
        }
    }

    public async Task<AssumedRoleSession> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken)
    {
        var sdkRequest = new SdkAssumeRoleRequest
        {
            RoleArn = request.RoleArn,
            RoleSessionName = request.RoleSessionName,
            DurationSeconds = request.DurationSeconds,
            ExternalId = request.ExternalId,
            SerialNumber = request.SerialNumber,
            TokenCode = request.TokenCode,
            Policy = request.Policy,
            SourceIdentity = request.SourceIdentity,
        };
        if (request.PolicyArns.Count > 0)
        {
            sdkRequest.PolicyArns = request.PolicyArns.Select(arn => new PolicyDescriptorType { Arn = arn }).ToList();
        }

        if (request.Tags.Count > 0)
        {
            sdkRequest.Tags = request.Tags.Select(tag => new Tag { Key = tag.Key, Value = tag.Value }).ToList();
        }

        if (request.TransitiveTagKeys.Count > 0)
        {
            sdkRequest.TransitiveTagKeys = request.TransitiveTagKeys.ToList();
        }

        try
        {
            var response = await _client.AssumeRoleAsync(sdkRequest, cancellationToken).ConfigureAwait(false);
            return new AssumedRoleSession
            {
                Credentials = new TemporaryCredentials
                {
                    AccessKeyId = response.Credentials.AccessKeyId,
                    SecretAccessKey = response.Credentials.SecretAccessKey,
                    SessionToken = response.Credentials.SessionToken,
                    Expiration = response.Credentials.Expiration?.ToUniversalTime() ?? default,
                },
                AssumedRoleArn = response.AssumedRoleUser?.Arn ?? string.Empty,
                AssumedRoleId = response.AssumedRoleUser?.AssumedRoleId ?? string.Empty,
                PackedPolicySize = response.SessionTokenUtilization ?? PackedPolicySize(response),
                SourceIdentity = response.SourceIdentity,
            };
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "sts:AssumeRole", request.RoleArn);
        }
    }

    public async Task<TemporaryCredentials> GetSessionTokenAsync(GetSessionTokenRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetSessionTokenAsync(
                new Amazon.SecurityToken.Model.GetSessionTokenRequest { DurationSeconds = request.DurationSeconds, SerialNumber = request.SerialNumber, TokenCode = request.TokenCode },
                cancellationToken).ConfigureAwait(false);
            return new TemporaryCredentials
            {
                AccessKeyId = response.Credentials.AccessKeyId,
                SecretAccessKey = response.Credentials.SecretAccessKey,
                SessionToken = response.Credentials.SessionToken,
                Expiration = response.Credentials.Expiration?.ToUniversalTime() ?? default,
            };
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "sts:GetSessionToken", request.SerialNumber);
        }
    }

    public void Dispose() => _client.Dispose();

    // STS still sends PackedPolicySize; the SDK marks it obsolete in favour of SessionTokenUtilization.
#pragma warning disable CS0618
    private static int? PackedPolicySize(AssumeRoleResponse response) => response.PackedPolicySize;
#pragma warning restore CS0618
}
