using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IamOps.Connection;

namespace IamOps.Aws;

/// <summary><see cref="ISts"/> on AWSSDK.SecurityToken: regional STS endpoints, the SDK's retries and signing.</summary>
internal sealed class StsAdapter : ISts, IDisposable
{
    private readonly AmazonSecurityTokenServiceClient _client;

    public StsAdapter(ResolvedConnection connection)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            RegionEndpoint = connection.Region,
            Timeout = AwsConnection.RequestTimeout,
        };
        if (connection.EndpointUrl is not null)
        {
            config.ServiceURL = connection.EndpointUrl.ToString();
            config.AuthenticationRegion = connection.Region.SystemName;
        }

        _client = new AmazonSecurityTokenServiceClient(connection.Credentials, config);
    }

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return new CallerIdentity(response.Account, response.Arn, response.UserId);
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex))
        {
            throw AwsErrorTranslator.Translate(ex, "sts:GetCallerIdentity", null);
        }
    }

    public Task<AssumedRoleSession> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AssumeRole is not built yet.");

    public void Dispose() => _client.Dispose();
}
