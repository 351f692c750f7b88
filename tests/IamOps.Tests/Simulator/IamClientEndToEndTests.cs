using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using IamOps.Aws;
using IamOps.Connection;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>IamOps's own AWS clients (IamQueryClient, StsAdapter, S3Adapter) end to end against the simulator's HTTP endpoint.</summary>
public sealed class IamClientEndToEndTests : IDisposable
{
    private const string Account = "111122223333";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new(Account, new ManualClock(new DateTime(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc)));
    private readonly SimulatorEndpoint _endpoint;
    private readonly IamQueryClient _iam;
    private readonly IIam _inProcess;

    public IamClientEndToEndTests()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        _endpoint = SimulatorEndpoint.Start(_account);
        _iam = ClientFor(_account.AdministratorCredentials);
        _inProcess = _account.Connect().Iam;
    }

    public void Dispose()
    {
        _iam.Dispose();
        _endpoint.Dispose();
    }

    private IamQueryClient ClientFor(SimulatorCredentials keys) =>
        new(Credentials(keys), new IamQueryConfig { ServiceURL = _endpoint.BaseUrl.ToString(), MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(20) });

    private static AWSCredentials Credentials(SimulatorCredentials keys) => keys.SessionToken is null
        ? new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey)
        : new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken);

    /// <summary>Records hold lists, which records compare by reference: compare what they serialize to (dates with their kind).</summary>
    private static void Same<T>(T expected, T actual) => Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));

    private ResolvedConnection Connection(SimulatorCredentials keys) =>
        new(Credentials(keys), "sandbox keys", RegionEndpoint.USEast1, "test", _endpoint.BaseUrl, cacheKey: null);

    [Fact]
    public async Task Users_keys_profiles_and_tags_over_HTTP_match_the_in_process_answers()
    {
        var created = await _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice", Path = "/eng/", Tags = new[] { new IamTag("team", "blue") } }, None);
        Same(await _inProcess.GetUserAsync("alice", None), created);
        Same(await _inProcess.GetUserAsync("alice", None), await _iam.GetUserAsync("alice", None));
        await _iam.TagUserAsync("alice", new[] { new IamTag("cost", "42") }, None);
        await _iam.UntagUserAsync("alice", new[] { "team" }, None);
        Assert.Equal(new[] { new IamTag("cost", "42") }, (await _iam.GetUserAsync("alice", None)).Tags);
        var profile = await _iam.CreateLoginProfileAsync("alice", "Initial-Passw0rd!", true, None);
        Assert.True(profile.PasswordResetRequired);
        await _iam.UpdateLoginProfileAsync("alice", null, false, None);
        Same(await _inProcess.GetLoginProfileAsync("alice", None), await _iam.GetLoginProfileAsync("alice", None));
        var key = await _iam.CreateAccessKeyAsync("alice", None);
        await _iam.UpdateAccessKeyAsync("alice", key.AccessKeyId, AccessKeyStatus.Inactive, None);
        Same(await Expect.All(_inProcess.ListAccessKeysAsync("alice", None)), await Expect.All(_iam.ListAccessKeysAsync("alice", None)));
        await _iam.DeleteAccessKeyAsync("alice", key.AccessKeyId, None);
        Assert.Empty(await Expect.All(_iam.ListAccessKeysAsync("alice", None)));
        Assert.Equal("Administrator", (await _iam.GetUserAsync(null, None)).UserName);
    }

    [Fact]
    public async Task Listing_pages_through_more_than_one_thousand_users()
    {
        for (var i = 0; i < 1100; i++)
        {
            await _inProcess.CreateUserAsync(new CreateUserRequest { UserName = "u" + i }, None);
        }

        var users = await Expect.All(_iam.ListUsersAsync(null, None));
        Assert.Equal(1101, users.Count);
        Assert.Equal(users.Count, users.Select(u => u.UserName).Distinct().Count());
        Assert.True(_account.CallLog.Of("ListUsers").Count >= 2);
    }

    [Fact]
    public async Task Groups_policies_versions_attachments_and_inline_policies_over_HTTP()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None);
        var group = await _iam.CreateGroupAsync("devs", "/teams/", None);
        Same(await _inProcess.GetGroupAsync("devs", None), group);
        await _iam.AddUserToGroupAsync("devs", "bob", None);
        Assert.Equal("devs", Assert.Single(await Expect.All(_iam.ListGroupsForUserAsync("bob", None))).GroupName);
        await _iam.RemoveUserFromGroupAsync("devs", "bob", None);
        Assert.Empty(await Expect.All(_iam.ListGroupsForUserAsync("bob", None)));

        var document = Expect.Statement("Allow", "s3:GetObject", "arn:aws:s3:::bucket/*");
        var policy = await _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "read", PolicyDocument = document, Description = "reads", Tags = new[] { new IamTag("k", "v") } }, None);
        Same(await _inProcess.GetPolicyAsync(policy.Arn, None), policy);
        Assert.Equal(document, (await _iam.GetPolicyVersionAsync(policy.Arn, "v1", None)).Document);
        var v2 = await _iam.CreatePolicyVersionAsync(policy.Arn, Expect.Statement("Allow", "s3:*"), true, None);
        Assert.True(v2.IsDefaultVersion);
        Assert.Equal(new[] { "v2", "v1" }, (await Expect.All(_iam.ListPolicyVersionsAsync(policy.Arn, None))).Select(v => v.VersionId));
        await _iam.DeletePolicyVersionAsync(policy.Arn, "v1", None);
        foreach (var kind in new[] { IdentityKind.User, IdentityKind.Group })
        {
            var name = kind == IdentityKind.User ? "bob" : "devs";
            await _iam.AttachPolicyAsync(kind, name, policy.Arn, None);
            Assert.Equal(new AttachedPolicy("read", policy.Arn), Assert.Single(await Expect.All(_iam.ListAttachedPoliciesAsync(kind, name, None))));
            await _iam.DetachPolicyAsync(kind, name, policy.Arn, None);
            await _iam.PutInlinePolicyAsync(kind, name, "inline", document, None);
            Assert.Equal(document, (await _iam.GetInlinePolicyAsync(kind, name, "inline", None)).PolicyDocument);
            Assert.Equal("inline", Assert.Single(await Expect.All(_iam.ListInlinePolicyNamesAsync(kind, name, None))));
            await _iam.DeleteInlinePolicyAsync(kind, name, "inline", None);
        }

        var boundary = await _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "boundary", PolicyDocument = Expect.Statement("Allow", "s3:*") }, None);
        await _iam.PutUserPermissionsBoundaryAsync("bob", boundary.Arn, None);
        Assert.Equal(boundary.Arn, (await _iam.GetUserAsync("bob", None)).PermissionsBoundaryArn);
    }

    [Fact]
    public async Task Roles_and_instance_profiles_over_HTTP()
    {
        var trust = Expect.Trust("{\"Service\":\"ec2.amazonaws.com\"}");
        var role = await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "web", AssumeRolePolicyDocument = trust, Description = "web servers", MaxSessionDuration = 7200, Tags = new[] { new IamTag("app", "web") } }, None);
        Same(await _inProcess.GetRoleAsync("web", None), role);
        Assert.Equal(trust, role.AssumeRolePolicyDocument);
        var newTrust = Expect.Trust($"{{\"AWS\":\"{Account}\"}}");
        await _iam.UpdateAssumeRolePolicyAsync("web", newTrust, None);
        await _iam.TagRoleAsync("web", new[] { new IamTag("env", "prod") }, None);
        var fetched = await _iam.GetRoleAsync("web", None);
        Assert.Equal((newTrust, 2), (fetched.AssumeRolePolicyDocument, fetched.Tags.Count));
        Assert.Equal("web", Assert.Single(await Expect.All(_iam.ListRolesAsync("/", None))).RoleName);
        var profile = await _iam.CreateInstanceProfileAsync("web", null, Array.Empty<IamTag>(), None);
        await _iam.AddRoleToInstanceProfileAsync("web", "web", None);
        Assert.Equal(profile.Arn, Assert.Single(await Expect.All(_iam.ListInstanceProfilesForRoleAsync("web", None))).Arn);
        Assert.Equal("web", Assert.Single((await _iam.GetInstanceProfileAsync("web", None)).Roles).RoleName);
    }

    [Fact]
    public async Task Calls_that_make_a_secret_go_out_once_and_others_are_retried_as_the_SDK_retries()
    {
        var keys = _account.AdministratorCredentials;
        var aws = AwsConnection.For(new ResolvedConnection(Credentials(keys), "product retries", RegionEndpoint.USEast1, "test", _endpoint.BaseUrl, cacheKey: null));
        await aws.Iam.CreateUserAsync(new CreateUserRequest { UserName = "retried" }, None);
        var next = _account.CallLog.Calls.Last().Number + 1;
        _account.Faults.FailCall(next, FaultKind.DroppedConnection, afterApply: true).FailCall(next + 1, FaultKind.DroppedConnection);

        var lost = await Assert.ThrowsAsync<IamOpsException>(() => aws.Iam.CreateAccessKeyAsync("retried", None));
        var user = await aws.Iam.GetUserAsync("retried", None);
        var calls = _account.CallLog.Calls.Where(c => c.Number >= next).Select(c => c.Operation + " " + c.Outcome).ToList();

        Assert.Equal("AwsConnectionFailed", lost.ErrorId);
        Assert.Equal(new[] { "CreateAccessKey DroppedConnection", "GetUser DroppedConnection", "GetUser Success" }, calls);
        Assert.Single(await Expect.All(_inProcess.ListAccessKeysAsync("retried", None)));
        Assert.Equal("retried", user.UserName);
    }

    [Fact]
    public async Task Account_settings_MFA_and_reports_over_HTTP()
    {
        await _iam.CreateAccountAliasAsync("acme-sandbox", None);
        Assert.Equal("acme-sandbox", Assert.Single(await Expect.All(_iam.ListAccountAliasesAsync(None))));
        await _iam.DeleteAccountAliasAsync("acme-sandbox", None);
        var policy = new PasswordPolicy { MinimumPasswordLength = 14, RequireSymbols = true, RequireNumbers = true, MaxPasswordAge = 90, PasswordReusePrevention = 24, AllowUsersToChangePassword = true };
        await _iam.UpdateAccountPasswordPolicyAsync(policy, None);
        Same(policy with { ExpirePasswords = true }, await _iam.GetAccountPasswordPolicyAsync(None));
        Assert.Equal(await _inProcess.GetAccountSummaryAsync(None), await _iam.GetAccountSummaryAsync(None));

        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "carol" }, None);
        var device = await _iam.CreateVirtualMfaDeviceAsync("carol", null, Array.Empty<IamTag>(), None);
        Assert.Matches("^[A-Z2-7]{64}$", device.Base32StringSeed);
        Assert.Equal(device.SerialNumber, Assert.Single(await Expect.All(_iam.ListUnassignedVirtualMfaDevicesAsync(None))));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, device.QrCodePng.Take(4));
        var now = _account.Clock.UtcNow;
        await _iam.EnableMfaDeviceAsync("carol", device.SerialNumber,
            TimeBasedOneTimePassword.Compute(device.Base32StringSeed, now.AddSeconds(-30)), TimeBasedOneTimePassword.Compute(device.Base32StringSeed, now), None);
        Assert.Equal(device.SerialNumber, Assert.Single(await Expect.All(_iam.ListMfaDevicesAsync("carol", None))).SerialNumber);
        Assert.Empty(await Expect.All(_iam.ListUnassignedVirtualMfaDevicesAsync(None)));

        var details = await _iam.GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter.All, None);
        Same((await _inProcess.GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter.All, None)).Users, details.Users);
        Assert.Contains(details.Policies, p => p.Policy.PolicyName == "AdministratorAccess" && p.Versions.Single().Document!.Contains("\"Action\":\"*\"", StringComparison.Ordinal));
        Assert.Equal(CredentialReportState.Started, await _iam.GenerateCredentialReportAsync(None));
        var report = await _iam.GetCredentialReportAsync(None);
        Assert.Contains("\ncarol,arn:aws:iam::111122223333:user/carol,", report.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_over_HTTP_are_the_same_IamOpsExceptions_as_in_process()
    {
        await _inProcess.CreateUserAsync(new CreateUserRequest { UserName = "dave" }, None);
        foreach (var (code, call) in new (string, Func<IIam, Task>)[]
        {
            ("EntityAlreadyExists", iam => iam.CreateUserAsync(new CreateUserRequest { UserName = "DAVE" }, None)),
            ("NoSuchEntity", iam => iam.GetRoleAsync("ghost", None)),
            ("ValidationError", iam => iam.CreateGroupAsync("bad name", null, None)),
            ("MalformedPolicyDocument", iam => iam.PutInlinePolicyAsync(IdentityKind.User, "dave", "p", "{}", None)),
            ("InvalidInput", iam => iam.CreateAccountAliasAsync("123456789012", None)),
            ("ReportNotPresent", iam => iam.GetCredentialReportAsync(None)),
        })
        {
            var overHttp = await Assert.ThrowsAsync<IamOpsException>(() => call(_iam));
            var inProcess = await Assert.ThrowsAsync<IamOpsException>(() => call(_inProcess));
            Assert.Equal((inProcess.ErrorId, inProcess.Kind, inProcess.AwsErrorCode, inProcess.HttpStatus), (overHttp.ErrorId, overHttp.Kind, overHttp.AwsErrorCode, overHttp.HttpStatus));
            Assert.Equal(code, overHttp.AwsErrorCode);
        }
    }

    [Fact]
    public async Task Sts_adapter_assumes_a_role_and_the_session_calls_IAM_as_the_session()
    {
        await _inProcess.CreateRoleAsync(new CreateRoleRequest { RoleName = "ops", AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"{Account}\"}}") }, None);
        await _inProcess.AttachPolicyAsync(IdentityKind.Role, "ops", "arn:aws:iam::aws:policy/AdministratorAccess", None);
        using var sts = new StsAdapter(Connection(_account.AdministratorCredentials));
        Assert.Equal($"arn:aws:iam::{Account}:user/Administrator", (await sts.GetCallerIdentityAsync(None)).Arn);
        var session = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/ops", RoleSessionName = "runbook", SourceIdentity = null }, None);
        var keys = new SimulatorCredentials(session.Credentials.AccessKeyId, session.Credentials.SecretAccessKey, session.Credentials.SessionToken);
        using var asSession = new StsAdapter(Connection(keys));
        Assert.Equal(session.AssumedRoleArn, (await asSession.GetCallerIdentityAsync(None)).Arn);
        using var iamAsSession = ClientFor(keys);
        await iamAsSession.CreateUserAsync(new CreateUserRequest { UserName = "made-by-session" }, None);
        Assert.Equal(session.AssumedRoleArn, _account.CallLog.Of("CreateUser").Single().Caller);
        var chained = await Assert.ThrowsAsync<IamOpsException>(() => asSession.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/ops", RoleSessionName = "again", DurationSeconds = 7200 }, None));
        Assert.Equal(("ValidationError", 400), (chained.AwsErrorCode, chained.HttpStatus));
    }

    [Fact]
    public async Task S3_adapter_finds_buckets_and_fails_like_the_in_process_port()
    {
        _account.AddBucket("logs-eu", "eu-west-1");
        _account.AddBucket("theirs", "us-east-1", ownerAccountId: "999999999999");
        using var s3 = new S3Adapter(Connection(_account.AdministratorCredentials));
        Assert.Equal(new BucketLocation("logs-eu", "eu-west-1"), await s3.HeadBucketAsync("logs-eu", None));
        Assert.Equal(new BucketLocation("logs-eu", "eu-west-1"), await s3.GetBucketLocationAsync("logs-eu", None));
        var inProcess = _account.Connect().S3;
        foreach (var (bucket, kind) in new[] { ("missing", FailureKind.ObjectNotFound), ("theirs", FailureKind.PermissionDenied) })
        {
            var overHttp = await Assert.ThrowsAsync<IamOpsException>(() => s3.HeadBucketAsync(bucket, None));
            var local = await Assert.ThrowsAsync<IamOpsException>(() => inProcess.HeadBucketAsync(bucket, None));
            Assert.Equal(kind, overHttp.Kind);
            Assert.Equal((overHttp.ErrorId, overHttp.Kind, overHttp.HttpStatus), (local.ErrorId, local.Kind, local.HttpStatus));
        }

        var location = await Assert.ThrowsAsync<IamOpsException>(() => s3.GetBucketLocationAsync("missing", None));
        var localLocation = await Assert.ThrowsAsync<IamOpsException>(() => inProcess.GetBucketLocationAsync("missing", None));
        Assert.Equal((location.ErrorId, location.AwsErrorCode, location.HttpStatus), (localLocation.ErrorId, localLocation.AwsErrorCode, localLocation.HttpStatus));
    }
}
