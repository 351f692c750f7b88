using Amazon.SecurityToken.Model;

namespace IamOps.Aws;

// Federation: STS signs neither call (the token or assertion is the proof), so they work without AWS credentials.
internal sealed partial class StsAdapter
{
    public async Task<FederatedRoleSession> AssumeRoleWithWebIdentityAsync(AssumeRoleWithWebIdentityRequest request, CancellationToken cancellationToken)
    {
        var sdkRequest = new Amazon.SecurityToken.Model.AssumeRoleWithWebIdentityRequest
        {
            RoleArn = request.RoleArn,
            RoleSessionName = request.RoleSessionName,
            WebIdentityToken = request.WebIdentityToken,
            DurationSeconds = request.DurationSeconds,
            Policy = request.Policy,
        };
        if (request.PolicyArns.Count > 0)
        {
            sdkRequest.PolicyArns = request.PolicyArns.Select(arn => new PolicyDescriptorType { Arn = arn }).ToList();
        }

        try
        {
            var response = await _client.AssumeRoleWithWebIdentityAsync(sdkRequest, cancellationToken).ConfigureAwait(false);
            return new FederatedRoleSession
            {
                Session = Session(response.Credentials, response.AssumedRoleUser, response.SourceIdentity),
                Subject = response.SubjectFromWebIdentityToken,
                Audience = response.Audience,
                Provider = response.Provider,
            };
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "sts:AssumeRoleWithWebIdentity", request.RoleArn);
        }
    }

    public async Task<FederatedRoleSession> AssumeRoleWithSamlAsync(AssumeRoleWithSamlRequest request, CancellationToken cancellationToken)
    {
        var sdkRequest = new AssumeRoleWithSAMLRequest
        {
            RoleArn = request.RoleArn,
            PrincipalArn = request.PrincipalArn,
            SAMLAssertion = request.SamlAssertion,
            DurationSeconds = request.DurationSeconds,
        };
        try
        {
            var response = await _client.AssumeRoleWithSAMLAsync(sdkRequest, cancellationToken).ConfigureAwait(false);
            return new FederatedRoleSession
            {
                Session = Session(response.Credentials, response.AssumedRoleUser, response.SourceIdentity),
                Subject = response.Subject,
                Audience = response.Audience,
                Provider = request.PrincipalArn,
            };
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "sts:AssumeRoleWithSAML", request.RoleArn);
        }
    }

    private static AssumedRoleSession Session(Credentials? credentials, AssumedRoleUser? user, string? sourceIdentity) => new()
    {
        Credentials = new TemporaryCredentials
        {
            AccessKeyId = credentials?.AccessKeyId ?? string.Empty,
            SecretAccessKey = credentials?.SecretAccessKey ?? string.Empty,
            SessionToken = credentials?.SessionToken ?? string.Empty,
            Expiration = credentials?.Expiration?.ToUniversalTime() ?? default,
        },
        AssumedRoleArn = user?.Arn ?? string.Empty,
        AssumedRoleId = user?.AssumedRoleId ?? string.Empty,
        SourceIdentity = sourceIdentity,
    };
}
