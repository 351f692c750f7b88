using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

public sealed class EndpointTests : IDisposable
{
    private const string Account = "111122223333";
    private static readonly XNamespace IamNs = "https://iam.amazonaws.com/doc/2010-05-08/";
    private readonly SimulatedAccount _account = new(Account);
    private readonly SimulatorEndpoint _endpoint;
    private readonly HttpClient _http = SignedHttp.NewClient();

    public EndpointTests() => _endpoint = SimulatorEndpoint.Start(_account);

    public void Dispose()
    {
        _http.Dispose();
        _endpoint.Dispose();
    }

    private AmazonSecurityTokenServiceClient Sts(SimulatorCredentials credentials) =>
        new(credentials.SessionToken is null
                ? new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey)
                : new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            new AmazonSecurityTokenServiceConfig { ServiceURL = _endpoint.BaseUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(20) });

    private Task<HttpResponseMessage> Iam(params (string, string)[] form) =>
        SignedHttp.QueryAsync(_http, _endpoint.BaseUrl, _account.AdministratorCredentials, "iam", form.Prepend(("Version", "2010-05-08")).ToArray());

    private static async Task<XElement> Xml(HttpResponseMessage response) => XElement.Parse(await response.Content.ReadAsStringAsync());

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var xml = await Xml(response);
        Assert.Equal("ErrorResponse", xml.Name.LocalName);
        Assert.Equal(code, xml.Descendants(xml.Name.Namespace + "Code").Single().Value);
        Assert.False(string.IsNullOrEmpty(xml.Element(xml.Name.Namespace + "RequestId")?.Value));
    }

    [Fact]
    public void Endpoint_listens_on_loopback_on_a_free_port()
    {
        Assert.Equal("127.0.0.1", _endpoint.BaseUrl.Host);
        Assert.NotEqual(0, _endpoint.BaseUrl.Port);
    }

    [Fact]
    public async Task Real_STS_client_gets_the_callers_identity()
    {
        using var sts = Sts(_account.AdministratorCredentials);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(Account, identity.Account);
        Assert.Equal($"arn:aws:iam::{Account}:user/Administrator", identity.Arn);
        Assert.Equal("GetCallerIdentity", Assert.Single(_account.CallLog.Calls).Operation);
    }

    [Fact]
    public async Task Real_STS_client_assumes_a_role_and_the_session_credentials_identify_the_session()
    {
        await _account.Connect().Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "deploy", AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"{Account}\"}}") }, CancellationToken.None);
        using var sts = Sts(_account.AdministratorCredentials);
        var assumed = await sts.AssumeRoleAsync(new Amazon.SecurityToken.Model.AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{Account}:role/deploy",
            RoleSessionName = "ci",
            DurationSeconds = 900,
            Tags = new List<Tag>(),
        });
        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/deploy/ci", assumed.AssumedRoleUser.Arn);
        using var asSession = Sts(new SimulatorCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken));
        var identity = await asSession.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(assumed.AssumedRoleUser.Arn, identity.Arn);
        Assert.Equal(assumed.AssumedRoleUser.AssumedRoleId, identity.UserId);
    }

    [Fact]
    public async Task Real_STS_client_gets_an_mfa_session_token_whose_credentials_identify_the_user()
    {
        var clock = new ManualClock(new DateTime(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc));
        _account.Clock = clock;
        var iam = _account.Connect().Iam;
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, CancellationToken.None);
        var key = await iam.CreateAccessKeyAsync("alice", CancellationToken.None);
        var device = await iam.CreateVirtualMfaDeviceAsync("alice", null, Array.Empty<IamTag>(), CancellationToken.None);
        await iam.EnableMfaDeviceAsync("alice", device.SerialNumber, TimeBasedOneTimePassword.Compute(device.Base32StringSeed, clock.UtcNow.AddSeconds(-30)), TimeBasedOneTimePassword.Compute(device.Base32StringSeed, clock.UtcNow), CancellationToken.None);
        using var sts = Sts(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));

        var token = await sts.GetSessionTokenAsync(new Amazon.SecurityToken.Model.GetSessionTokenRequest { SerialNumber = device.SerialNumber, TokenCode = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, clock.UtcNow.AddSeconds(30)), DurationSeconds = 3600 });
        using var asSession = Sts(new SimulatorCredentials(token.Credentials.AccessKeyId, token.Credentials.SecretAccessKey, token.Credentials.SessionToken));
        var identity = await asSession.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var replay = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.GetSessionTokenAsync(new Amazon.SecurityToken.Model.GetSessionTokenRequest { SerialNumber = device.SerialNumber, TokenCode = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, clock.UtcNow.AddSeconds(30)) }));

        Assert.StartsWith("ASIA", token.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(clock.UtcNow.AddHours(1), token.Credentials.Expiration?.ToUniversalTime());
        Assert.Equal($"arn:aws:iam::{Account}:user/alice", identity.Arn);
        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (replay.ErrorCode, replay.StatusCode));
        Assert.Contains("already used", replay.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_STS_client_sees_AWS_error_codes_and_statuses()
    {
        using var sts = Sts(_account.AdministratorCredentials);
        await _account.Connect().Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "r", AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"{Account}\"}}") }, CancellationToken.None);
        var validation = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.AssumeRoleAsync(new Amazon.SecurityToken.Model.AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/r", RoleSessionName = "s1", DurationSeconds = 7200 }));
        Assert.Equal(("ValidationError", HttpStatusCode.BadRequest), (validation.ErrorCode, validation.StatusCode));
        Assert.Contains("MaxSessionDuration", validation.Message, StringComparison.Ordinal);
        var denied = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.AssumeRoleAsync(new Amazon.SecurityToken.Model.AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/none", RoleSessionName = "s1" }));
        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (denied.ErrorCode, denied.StatusCode));
    }

    [Fact]
    public async Task Wrong_secret_is_SignatureDoesNotMatch_and_unknown_key_is_InvalidClientTokenId()
    {
        using var wrongSecret = Sts(_account.AdministratorCredentials with { SecretAccessKey = "not-the-secret" });
        var signature = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => wrongSecret.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal(("SignatureDoesNotMatch", HttpStatusCode.Forbidden), (signature.ErrorCode, signature.StatusCode));
        using var unknown = Sts(new SimulatorCredentials("AKIAIOSFODNN7EXAMPLE", "x"));
        var token = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => unknown.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal(("InvalidClientTokenId", HttpStatusCode.Forbidden), (token.ErrorCode, token.StatusCode));
    }

    [Fact]
    public async Task IAM_Query_requests_signed_by_the_SDK_signer_create_and_read_entities()
    {
        var created = await Iam(("Action", "CreateUser"), ("UserName", "alice"), ("Path", "/eng/"), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "blue"));
        Assert.True(HttpStatusCode.OK == created.StatusCode, await created.Content.ReadAsStringAsync());
        var xml = await Xml(created);
        Assert.Equal(IamNs + "CreateUserResponse", xml.Name);
        var user = xml.Element(IamNs + "CreateUserResult")!.Element(IamNs + "User")!;
        Assert.Equal($"arn:aws:iam::{Account}:user/eng/alice", user.Element(IamNs + "Arn")!.Value);
        Assert.Equal("blue", user.Descendants(IamNs + "Value").Single().Value);
        Assert.False(string.IsNullOrEmpty(xml.Element(IamNs + "ResponseMetadata")!.Element(IamNs + "RequestId")!.Value));
        await AssertError(await Iam(("Action", "CreateUser"), ("UserName", "ALICE")), HttpStatusCode.Conflict, "EntityAlreadyExists");
        Assert.Equal("Sender", (await Xml(await Iam(("Action", "GetUser"), ("UserName", "ghost")))).Descendants(IamNs + "Type").Single().Value);
    }

    [Fact]
    public async Task Policy_documents_come_back_URL_encoded_and_void_actions_have_no_result_element()
    {
        var document = Expect.Statement("Allow", "s3:GetObject", "arn:aws:s3:::bucket/*");
        var created = await Xml(await Iam(("Action", "CreatePolicy"), ("PolicyName", "read"), ("PolicyDocument", document)));
        var arn = created.Descendants(IamNs + "Arn").Single().Value;
        var version = await Xml(await Iam(("Action", "GetPolicyVersion"), ("PolicyArn", arn), ("VersionId", "v1")));
        var encoded = version.Descendants(IamNs + "Document").Single().Value;
        Assert.Equal(Uri.EscapeDataString(document), encoded);
        Assert.Equal(document, Uri.UnescapeDataString(encoded));
        var attached = await Xml(await Iam(("Action", "AttachUserPolicy"), ("UserName", "Administrator"), ("PolicyArn", arn)));
        Assert.Equal(IamNs + "AttachUserPolicyResponse", attached.Name);
        Assert.Null(attached.Element(IamNs + "AttachUserPolicyResult"));
    }

    [Fact]
    public async Task Listings_page_with_MaxItems_and_Marker()
    {
        foreach (var name in new[] { "a1", "a2", "a3" })
        {
            await Iam(("Action", "CreateUser"), ("UserName", name));
        }

        var first = await Xml(await Iam(("Action", "ListUsers"), ("MaxItems", "2")));
        Assert.Equal("true", first.Descendants(IamNs + "IsTruncated").Single().Value);
        Assert.Equal(new[] { "a1", "a2" }, first.Descendants(IamNs + "UserName").Select(e => e.Value));
        var marker = first.Descendants(IamNs + "Marker").Single().Value;
        var second = await Xml(await Iam(("Action", "ListUsers"), ("MaxItems", "2"), ("Marker", marker)));
        Assert.Equal(new[] { "a3", "Administrator" }, second.Descendants(IamNs + "UserName").Select(e => e.Value));
        Assert.Equal("false", second.Descendants(IamNs + "IsTruncated").Single().Value);
        await AssertError(await Iam(("Action", "ListUsers"), ("MaxItems", "1001")), HttpStatusCode.BadRequest, "ValidationError");
    }

    [Fact]
    public async Task Unknown_action_missing_action_and_missing_parameter_get_AWS_codes()
    {
        await AssertError(await Iam(("Action", "LaunchRocket")), HttpStatusCode.BadRequest, "InvalidAction");
        await AssertError(await Iam(("UserName", "x")), HttpStatusCode.BadRequest, "MissingAction");
        var missing = await Iam(("Action", "CreateUser"));
        await AssertError(missing, HttpStatusCode.BadRequest, "ValidationError");
        await AssertError(await SignedHttp.QueryAsync(_http, _endpoint.BaseUrl, _account.AdministratorCredentials, "iam", ("Action", "GetUser"), ("Version", "1999-01-01")), HttpStatusCode.BadRequest, "InvalidAction");
    }

    [Fact]
    public async Task Unsigned_and_malformed_requests_get_AWS_codes()
    {
        var unsigned = await _http.PostAsync(_endpoint.BaseUrl, new StringContent("Action=GetUser&Version=2010-05-08", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await AssertError(unsigned, HttpStatusCode.Forbidden, "MissingAuthenticationToken");
        var badAuth = new HttpRequestMessage(HttpMethod.Post, _endpoint.BaseUrl) { Content = new StringContent("Action=GetUser") };
        badAuth.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 garbage");
        await AssertError(await _http.SendAsync(badAuth), HttpStatusCode.BadRequest, "IncompleteSignature");
        await AssertError(await SignedRawBody("Action=GetUser&UserName=%zz"), HttpStatusCode.NotFound, "MalformedQueryString");
    }

    private Task<HttpResponseMessage> SignedRawBody(string body) =>
        SignedHttp.SendAsync(_http, _endpoint.BaseUrl, _account.AdministratorCredentials, "iam", "POST", "/", new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task Garbage_and_oversize_requests_get_errors_and_the_endpoint_keeps_serving()
    {
        Assert.StartsWith("HTTP/1.1 400", await RawExchange("NONSENSE\r\n\r\n"), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 413", await RawExchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n"), StringComparison.Ordinal);
        // A chunked body is read as Kestrel decodes it: this one, unsigned, gets AWS's answer to an unsigned request.
        var chunked = await RawExchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n6\r\nAction\r\n0\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 403", chunked, StringComparison.Ordinal);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", chunked, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 431", await RawExchange("GET / HTTP/1.1\r\nX-Big: " + new string('a', 40000) + "\r\n\r\n"), StringComparison.Ordinal);
        var oversize = await RawExchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n");
        Assert.Contains("<Code>RequestEntityTooLarge</Code>", oversize, StringComparison.Ordinal);
        using var sts = Sts(_account.AdministratorCredentials);
        Assert.Equal(Account, (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Account);
    }

    [Fact]
    public async Task Random_bytes_never_stop_the_endpoint()
    {
        var random = new Random(20260301);
        for (var i = 0; i < 40; i++)
        {
            var junk = new byte[random.Next(1, 3000)];
            random.NextBytes(junk);
            if (i % 2 == 0)
            {
                // Half of them look like the start of a request, so the header parser sees junk too.
                Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\n").CopyTo(junk, 0);
            }

            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, _endpoint.BaseUrl.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(junk.Concat(Encoding.ASCII.GetBytes("\r\n\r\n")).ToArray());
            client.Client.Shutdown(SocketShutdown.Send);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var answer = await reader.ReadToEndAsync();
            Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 4", StringComparison.Ordinal), answer);
        }

        using var sts = Sts(_account.AdministratorCredentials);
        Assert.Equal(Account, (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Account);
    }

    private async Task<string> RawExchange(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _endpoint.BaseUrl.Port);
        var stream = client.GetStream();
        var bytes = Encoding.ASCII.GetBytes(request);
        await stream.WriteAsync(bytes);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task S3_HeadBucket_and_GetBucketLocation_answer_in_REST_shape()
    {
        _account.AddBucket("eu-data", "eu-west-1");
        _account.AddBucket("us-data");
        _account.AddBucket("theirs", "us-west-2", ownerAccountId: "999999999999");
        var head = await SignedHttp.SendAsync(_http, _endpoint.BaseUrl, _account.AdministratorCredentials, "s3", "HEAD", "/eu-data", new Dictionary<string, string>(), Array.Empty<byte>());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("eu-west-1", head.Headers.GetValues("x-amz-bucket-region").Single());
        var location = await SignedHttp.SendAsync(_http, _endpoint.BaseUrl, _account.AdministratorCredentials, "s3", "GET", "/eu-data", new Dictionary<string, string> { ["location"] = string.Empty }, Array.Empty<byte>());
        var constraint = XElement.Parse(await location.Content.ReadAsStringAsync());
        Assert.Equal(("LocationConstraint", "eu-west-1"), (constraint.Name.LocalName, constraint.Value));
        var usLocation = await SignedHttp.SendAsync(_http, _endpoint.BaseUrl, _account.AdministratorCredentials, "s3", "GET", "/us-data", new Dictionary<string, string> { ["location"] = string.Empty }, Array.Empty<byte>());
        Assert.Equal(string.Empty, XElement.Parse(await usLocation.Content.ReadAsStringAsync()).Value);
        var missing = await SignedHttp.SendAsync(_http, _endpoint.BaseUrl, _account.AdministratorCredentials, "s3", "HEAD", "/nope", new Dictionary<string, string>(), Array.Empty<byte>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var foreign = await SignedHttp.SendAsync(_http, _endpoint.BaseUrl, _account.AdministratorCredentials, "s3", "HEAD", "/theirs", new Dictionary<string, string>(), Array.Empty<byte>());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var missingLocation = await SignedHttp.SendAsync(_http, _endpoint.BaseUrl, _account.AdministratorCredentials, "s3", "GET", "/nope", new Dictionary<string, string> { ["location"] = string.Empty }, Array.Empty<byte>());
        Assert.Equal("NoSuchBucket", XElement.Parse(await missingLocation.Content.ReadAsStringAsync()).Element("Code")!.Value);
    }

    [Fact]
    public async Task Scheduled_faults_reach_HTTP_clients_as_errors_dropped_connections_and_silence()
    {
        _account.Faults.TimeoutHold = TimeSpan.FromMilliseconds(100);
        _account.Faults.FailCall(1, FaultKind.Throttling).FailCall(2, FaultKind.ServiceFailure).FailCall(3, FaultKind.DroppedConnection).FailCall(4, FaultKind.Timeout);
        using var sts = Sts(_account.AdministratorCredentials);
        var throttled = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal(("Throttling", HttpStatusCode.BadRequest), (throttled.ErrorCode, throttled.StatusCode));
        var failed = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal(("ServiceFailure", HttpStatusCode.InternalServerError), (failed.ErrorCode, failed.StatusCode));
        await Assert.ThrowsAsync<HttpRequestException>(() => Iam(("Action", "GetUser")));
        await Assert.ThrowsAsync<HttpRequestException>(() => Iam(("Action", "GetUser")));
        Assert.Equal(HttpStatusCode.OK, (await Iam(("Action", "GetUser"))).StatusCode);
        Assert.Equal(new[] { "Throttling", "ServiceFailure", "DroppedConnection", "Timeout", "Success" }, _account.CallLog.Calls.Select(c => c.Outcome));
    }

    [Fact]
    public async Task Concurrent_clients_are_all_served()
    {
        using var sts = Sts(_account.AdministratorCredentials);
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest())));
        Assert.All(results, r => Assert.Equal(Account, r.Account));
        Assert.Equal(64, _account.CallLog.Calls.Count);
    }

    [Fact]
    public async Task Dispose_stops_the_endpoint()
    {
        var endpoint = SimulatorEndpoint.Start(new SimulatedAccount());
        var port = endpoint.BaseUrl.Port;
        endpoint.Dispose();
        endpoint.Dispose();
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
    }
}
