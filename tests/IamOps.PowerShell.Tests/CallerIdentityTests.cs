using System.Management.Automation;

namespace IamOps.PowerShell.Tests;

/// <summary>Get-IamCallerIdentity through the real engine against a local STS endpoint: the connection layer end to end.</summary>
public sealed class CallerIdentityTests : IDisposable
{
    private const string AliceKey = "AKIAALICEEXAMPLE0001";
    private const string BobKey = "AKIABOBEXAMPLE000002";
    private readonly LocalStsEndpoint _sts = new(new Dictionary<string, string>
    {
        [AliceKey] = "arn:aws:iam::123456789012:user/alice",
        [BobKey] = "arn:aws:sts::210987654321:assumed-role/deployer/bob-session",
    });

    private readonly string _temp = Directory.CreateTempSubdirectory("iamops-identity-").FullName;

    public void Dispose()
    {
        _sts.Dispose();
        Directory.Delete(_temp, recursive: true);
    }

    [Fact]
    public void Literal_keys_region_and_endpoint_return_the_callers_identity()
    {
        var run = HostedPowerShell.Run($"Get-IamCallerIdentity -AccessKey {AliceKey} -SecretKey s3cr3t -Region eu-west-1 -EndpointUrl {_sts.Url}");

        Assert.Empty(run.AllErrors);
        var identity = Assert.Single(run.Output);
        Assert.Equal("IamOps.Aws.CallerIdentity", identity.BaseObject.GetType().FullName);
        Assert.Equal("123456789012", identity.Properties["Account"].Value);
        Assert.Equal("arn:aws:iam::123456789012:user/alice", identity.Properties["Arn"].Value);
        Assert.Equal("User", identity.Properties["PrincipalType"].Value);
        Assert.Equal("alice", identity.Properties["PrincipalName"].Value);
        var request = Assert.Single(_sts.Requests);
        Assert.Contains("Action=GetCallerIdentity", request.Body, StringComparison.Ordinal);
        Assert.Equal("eu-west-1", request.SigningRegion);
    }

    [Fact]
    public void Profiles_bind_by_property_name_and_each_item_resolves_its_own_connection()
    {
        var credentials = Path.Combine(_temp, "credentials");
        File.WriteAllText(credentials, $"[alice]\naws_access_key_id = {AliceKey}\naws_secret_access_key = a\nregion = ap-southeast-2\n\n[bob]\naws_access_key_id = {BobKey}\naws_secret_access_key = b\n");

        var run = HostedPowerShell.Run(
            $"'alice','bob' | ForEach-Object {{ [pscustomobject]@{{ ProfileName = $_; ProfileLocation = '{credentials}'; EndpointUrl = '{_sts.Url}' }} }} | Get-IamCallerIdentity");

        Assert.Empty(run.AllErrors);
        Assert.Equal(new object[] { "alice", "bob-session" }, run.Output.Select(o => o.Properties["PrincipalName"].Value).ToArray());
        Assert.Equal("deployer", run.Output[1].Properties["RoleName"].Value);
        Assert.Equal("AssumedRole", run.Output[1].Properties["PrincipalType"].Value);
        Assert.Equal("ap-southeast-2", _sts.Requests.First().SigningRegion);
    }

    [Fact]
    public void Session_default_region_of_AWS_Tools_is_honoured()
    {
        var run = HostedPowerShell.Run(
            $"Get-IamCallerIdentity -AccessKey {AliceKey} -SecretKey s -EndpointUrl {_sts.Url}",
            new Dictionary<string, object?> { ["StoredAWSRegion"] = "ca-central-1" });

        Assert.Empty(run.AllErrors);
        Assert.Equal("ca-central-1", Assert.Single(_sts.Requests).SigningRegion);
    }

    [Fact]
    public void Credential_from_another_module_binds_by_shape_not_type()
    {
        // A type from another assembly than our AWSSDK.Core, shaped like AWSCredentials: GetCredentials() returning keys.
        var foreign = new ForeignAwsCredentials(BobKey, "b", "token-value");

        var run = HostedPowerShell.Run(
            $"Get-IamCallerIdentity -Credential $cred -Region us-west-2 -EndpointUrl {_sts.Url}",
            new Dictionary<string, object?> { ["cred"] = foreign });

        Assert.Empty(run.AllErrors);
        Assert.Equal("bob-session", Assert.Single(run.Output).Properties["PrincipalName"].Value);
        Assert.True(foreign.Calls >= 1, "the foreign object is asked for its keys when the request is signed");
    }

    [Fact]
    public void Credentials_record_with_AccessKeyId_and_SecureString_secret_is_accepted()
    {
        var run = HostedPowerShell.Run(
            $"$secret = [System.Net.NetworkCredential]::new('', 'a').SecurePassword; $c = [pscustomobject]@{{ AccessKeyId = '{AliceKey}'; SecretAccessKey = $secret }}; " +
            $"Get-IamCallerIdentity -Credential $c -Region us-east-1 -EndpointUrl {_sts.Url}");

        Assert.Empty(run.AllErrors);
        Assert.Equal("alice", Assert.Single(run.Output).Properties["PrincipalName"].Value);
    }

    [Fact]
    public void Environment_variables_supply_keys_region_and_the_service_endpoint_as_with_AWS_Tools()
    {
        var result = HostProgramTests.RunHost(["-Command", "Get-IamCallerIdentity | ForEach-Object { 'identity ' + $_.Arn }"], environment: new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = BobKey,
            ["AWS_SECRET_ACCESS_KEY"] = "b",
            ["AWS_REGION"] = "eu-central-1",
            ["AWS_ENDPOINT_URL_STS"] = _sts.Url,
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_temp, "none"),
            ["AWS_CONFIG_FILE"] = Path.Combine(_temp, "none"),
        });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("identity arn:aws:sts::210987654321:assumed-role/deployer/bob-session", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("eu-central-1", Assert.Single(_sts.Requests).SigningRegion);
    }

    [Fact]
    public void Rejected_keys_give_an_authentication_error_with_the_aws_code_and_request_id()
    {
        var run = HostedPowerShell.Run($"Get-IamCallerIdentity -AccessKey AKIAUNKNOWN000000000 -SecretKey x -Region eu-west-1 -EndpointUrl {_sts.Url}");

        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal("AwsInvalidClientTokenId,IamOps.Cmdlets.GetIamCallerIdentityCommand", error.FullyQualifiedErrorId);
        Assert.Contains("fedcba98-7654-3210-fedc-ba9876543210", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Table_view_shows_account_type_arn_and_user_id()
    {
        var host = new TextCaptureHost();
        var run = HostedPowerShell.Run($"Get-IamCallerIdentity -AccessKey {AliceKey} -SecretKey s -Region eu-west-1 -EndpointUrl {_sts.Url} | Out-Host", host: host);

        Assert.Empty(run.AllErrors);
        var lines = host.Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^Account\s+Type\s+Arn\s+UserId$", lines[0]);
        Assert.Matches(@"^123456789012\s+User\s+arn:aws:iam::123456789012:user/alice\s+AIDAEXAMPLEUSERID0001$", lines[2]);
    }

    /// <summary>Stands in for AWS.Tools' AWSCredentials loaded from another AWSSDK.Core: same shape, unrelated type.</summary>
    public sealed class ForeignAwsCredentials(string accessKey, string secretKey, string token)
    {
        public int Calls { get; private set; }

        public ForeignKeys GetCredentials()
        {
            Calls++;
            return new ForeignKeys(accessKey, secretKey, token);
        }
    }

    public sealed record ForeignKeys(string AccessKey, string SecretKey, string Token);
}
