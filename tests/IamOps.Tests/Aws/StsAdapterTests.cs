using Amazon.Runtime.Endpoints;
using Amazon.SecurityToken.Model;
using IamOps.Aws;
using AssumeRoleRequest = IamOps.Aws.AssumeRoleRequest;
using AssumeRoleWithWebIdentityRequest = IamOps.Aws.AssumeRoleWithWebIdentityRequest;

namespace IamOps.Tests.Aws;

/// <summary>The STS adapter against a local endpoint speaking the STS Query API.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class StsAdapterTests
{
    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static CannedResponse Ok(string action, string result) =>
        new(200, $"<{action}Response xmlns=\"{StsNamespace}\"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></{action}Response>");

    [Fact]
    public void Sts_uses_the_regional_endpoint_by_default()
    {
        using var environment = EnvironmentScope.Clean(("AWS_ENDPOINT_URL_STS", null));
        var config = StsAdapter.ConfigFor(AdapterConnections.For(null, "ap-southeast-2"));

        var endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new GetCallerIdentityRequest()));

        Assert.Equal("https://sts.ap-southeast-2.amazonaws.com", endpoint.URL.TrimEnd('/'));
    }

    [Fact]
    public async Task AssumeRole_sends_every_parameter_and_reads_the_session()
    {
        using var server = new LocalHttpServer((_, _) => Ok("AssumeRole",
            "<SourceIdentity>dev-alice</SourceIdentity><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/demo/alice</Arn><AssumedRoleId>AROA3XFRBF535PLBIFPI4:alice</AssumedRoleId></AssumedRoleUser>"
            + "<Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey><SessionToken>FwoGZXIvYXdzEXAMPLE</SessionToken>"
            + "<Expiration>2024-11-09T13:34:41Z</Expiration></Credentials><PackedPolicySize>6</PackedPolicySize>"));
        using var sts = new StsAdapter(AdapterConnections.For(server.Url));

        var session = await sts.AssumeRoleAsync(
            new AssumeRoleRequest
            {
                RoleArn = "arn:aws:iam::123456789012:role/demo",
                RoleSessionName = "alice",
                DurationSeconds = 3600,
                ExternalId = "ext-123",
                SerialNumber = "arn:aws:iam::123456789012:mfa/alice",
                TokenCode = "123456",
                Policy = "{\"Version\":\"2012-10-17\"}",
                PolicyArns = new[] { "arn:aws:iam::aws:policy/ReadOnlyAccess" },
                Tags = new[] { new IamTag("project", "x") },
                TransitiveTagKeys = new[] { "project" },
                SourceIdentity = "dev-alice",
            },
            CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("AssumeRole", request.Action);
        Assert.Equal("arn:aws:iam::123456789012:role/demo", request.Form["RoleArn"]);
        Assert.Equal("alice", request.Form["RoleSessionName"]);
        Assert.Equal("3600", request.Form["DurationSeconds"]);
        Assert.Equal("ext-123", request.Form["ExternalId"]);
        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", request.Form["SerialNumber"]);
        Assert.Equal("123456", request.Form["TokenCode"]);
        Assert.Equal("{\"Version\":\"2012-10-17\"}", request.Form["Policy"]);
        Assert.Equal("arn:aws:iam::aws:policy/ReadOnlyAccess", request.Form["PolicyArns.member.1.arn"]);
        Assert.Equal(("project", "x"), (request.Form["Tags.member.1.Key"], request.Form["Tags.member.1.Value"]));
        Assert.Equal("project", request.Form["TransitiveTagKeys.member.1"]);
        Assert.Equal("dev-alice", request.Form["SourceIdentity"]);
        Assert.Contains("/eu-west-1/sts/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);

        Assert.Equal("ASIAIOSFODNN7EXAMPLE", session.Credentials.AccessKeyId);
        Assert.Equal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", session.Credentials.SecretAccessKey);
        Assert.Equal("FwoGZXIvYXdzEXAMPLE", session.Credentials.SessionToken);
        Assert.Equal(new DateTime(2024, 11, 9, 13, 34, 41, DateTimeKind.Utc), session.Credentials.Expiration);
        Assert.Equal(DateTimeKind.Utc, session.Credentials.Expiration.Kind);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/demo/alice", session.AssumedRoleArn);
        Assert.Equal("AROA3XFRBF535PLBIFPI4:alice", session.AssumedRoleId);
        Assert.Equal(6, session.PackedPolicySize);
        Assert.Equal("dev-alice", session.SourceIdentity);
    }

    [Fact]
    public async Task AssumeRole_with_only_the_required_parameters_sends_nothing_else()
    {
        using var server = new LocalHttpServer((_, _) => Ok("AssumeRole",
            "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/demo/s</Arn><AssumedRoleId>AROA1:s</AssumedRoleId></AssumedRoleUser>"
            + "<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>k</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2024-11-09T13:34:41Z</Expiration></Credentials>"));
        using var sts = new StsAdapter(AdapterConnections.For(server.Url));

        var session = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/demo", RoleSessionName = "s" }, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(new[] { "Action", "RoleArn", "RoleSessionName", "Version" }, request.Form.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Null(session.PackedPolicySize);
        Assert.Null(session.SourceIdentity);
    }

    [Fact]
    public async Task AssumeRole_access_denied_names_the_role()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(403,
            $"<ErrorResponse xmlns=\"{StsNamespace}\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/demo</Message></Error><RequestId>req-1</RequestId></ErrorResponse>"));
        using var sts = new StsAdapter(AdapterConnections.For(server.Url));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/demo", RoleSessionName = "s" }, CancellationToken.None));

        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Equal("req-1", error.RequestId);
        Assert.Contains("sts:AssumeRole on arn:aws:iam::123456789012:role/demo", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GetCallerIdentity_reads_the_identity()
    {
        using var server = new LocalHttpServer((_, _) => Ok("GetCallerIdentity", "<Arn>arn:aws:iam::123456789012:user/Alice</Arn><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Account>123456789012</Account>"));
        using var sts = new StsAdapter(AdapterConnections.For(server.Url));

        var identity = await sts.GetCallerIdentityAsync(CancellationToken.None);

        Assert.Equal(("123456789012", "User", "Alice"), (identity.Account, identity.PrincipalType, identity.PrincipalName));
        Assert.Equal("GetCallerIdentity", Assert.Single(server.Requests).Action);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_sends_the_token_and_reads_session_subject_and_audience()
    {
        using var server = new LocalHttpServer((_, _) => Ok("AssumeRoleWithWebIdentity",
            "<Audience>sts.amazonaws.com</Audience><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/deploy/ci</Arn><AssumedRoleId>AROA3XFRBF535PLBIFPI4:ci</AssumedRoleId></AssumedRoleUser>"
            + "<Provider>arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com</Provider><SubjectFromWebIdentityToken>repo:acme/app:ref:refs/heads/main</SubjectFromWebIdentityToken>"
            + "<Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey><SessionToken>FwoGZXIvYXdzEXAMPLE</SessionToken>"
            + "<Expiration>2024-11-09T13:34:41Z</Expiration></Credentials>"));
        using var sts = new StsAdapter(AdapterConnections.For(server.Url));

        var session = await sts.AssumeRoleWithWebIdentityAsync(
            new AssumeRoleWithWebIdentityRequest { RoleArn = "arn:aws:iam::123456789012:role/deploy", RoleSessionName = "ci", WebIdentityToken = "eyJ.token.sig", DurationSeconds = 900 },
            CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("AssumeRoleWithWebIdentity", request.Action);
        Assert.Equal("eyJ.token.sig", request.Form["WebIdentityToken"]);
        Assert.Equal("arn:aws:iam::123456789012:role/deploy", request.Form["RoleArn"]);
        Assert.Equal("900", request.Form["DurationSeconds"]);
        Assert.Equal("ASIAIOSFODNN7EXAMPLE", session.Session.Credentials.AccessKeyId);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/deploy/ci", session.Session.AssumedRoleArn);
        Assert.Equal("repo:acme/app:ref:refs/heads/main", session.Subject);
        Assert.Equal("sts.amazonaws.com", session.Audience);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_refused_token_arrives_as_InvalidIdentityToken()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(400,
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>Incorrect token audience</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"));
        using var sts = new StsAdapter(AdapterConnections.For(server.Url));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => sts.AssumeRoleWithWebIdentityAsync(
            new AssumeRoleWithWebIdentityRequest { RoleArn = "arn:aws:iam::123456789012:role/deploy", RoleSessionName = "ci", WebIdentityToken = "eyJ.token.sig" }, CancellationToken.None));

        Assert.Equal("InvalidIdentityToken", error.AwsErrorCode);
        Assert.Equal(FailureKind.AuthenticationError, error.Kind);
    }
}
