using Amazon.Runtime;
using IamOps.Connection;

namespace IamOps.Tests.Connection;

/// <summary>AWS.Tools' resolution order, with the environment injected so nothing of the machine leaks in.</summary>
public sealed class ConnectionResolverTests : IDisposable
{
    private readonly Dictionary<string, string?> _environment = new() { ["AWS_EC2_METADATA_DISABLED"] = "true" };
    private readonly string _temp = Directory.CreateTempSubdirectory("iamops-resolver-").FullName;
    private readonly string _credentials;

    public ConnectionResolverTests()
    {
        _credentials = Path.Combine(_temp, "credentials");
        File.WriteAllText(_credentials, "[default]\naws_access_key_id = AKIADEFAULT000000000\naws_secret_access_key = d\n\n[ops]\naws_access_key_id = AKIAOPS0000000000000\naws_secret_access_key = o\nregion = eu-north-1\n");
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private ConnectionResolver Resolver => new(name => _environment.TryGetValue(name, out var value) ? value : null);

    [Fact]
    public void Region_parameter_beats_session_default_beats_AWS_REGION_beats_AWS_DEFAULT_REGION()
    {
        _environment["AWS_REGION"] = "eu-west-1";
        _environment["AWS_DEFAULT_REGION"] = "eu-west-2";
        var keys = new ConnectionParameters { AccessKey = "AKIA1", SecretKey = "s" };
        var withParameter = new ConnectionParameters { AccessKey = "AKIA1", SecretKey = "s", Region = "ap-south-1" };
        var session = new SessionDefaults { StoredRegion = "sa-east-1" };

        Assert.Equal("ap-south-1", Resolver.Resolve(withParameter, session).RegionName);
        Assert.Equal("sa-east-1", Resolver.Resolve(keys, session).RegionName);
        Assert.Equal("eu-west-1", Resolver.Resolve(keys).RegionName);
        _environment.Remove("AWS_REGION");
        Assert.Equal("eu-west-2", Resolver.Resolve(keys).RegionName);
        Assert.Equal("AWS_DEFAULT_REGION", Resolver.Resolve(keys).RegionSource);
    }

    [Fact]
    public void The_mfa_serial_of_the_profile_that_supplied_the_credentials_is_found()
    {
        File.AppendAllText(_credentials, "\n[mfa]\naws_access_key_id = AKIAMFA0000000000000\naws_secret_access_key = m\nmfa_serial = arn:aws:iam::111122223333:mfa/alice\n");
        _environment["AWS_SHARED_CREDENTIALS_FILE"] = _credentials;

        var named = Resolver.Resolve(new ConnectionParameters { ProfileName = "mfa", ProfileLocation = _credentials, Region = "us-east-1" });
        var without = Resolver.Resolve(new ConnectionParameters { ProfileName = "ops", ProfileLocation = _credentials });
        var keys = Resolver.Resolve(new ConnectionParameters { ProfileName = "mfa", ProfileLocation = _credentials, AccessKey = "AKIA1", SecretKey = "s", Region = "us-east-1" });

        Assert.Equal("arn:aws:iam::111122223333:mfa/alice", ConnectionResolver.ProfileMfaSerial(named));
        Assert.Equal("AKIAMFA0000000000000", named.Credentials.GetCredentials().AccessKey);
        Assert.Null(ConnectionResolver.ProfileMfaSerial(without));
        Assert.Null(ConnectionResolver.ProfileMfaSerial(keys));
    }

    [Fact]
    public void A_chosen_profiles_region_applies_when_nothing_else_names_one()
    {
        var resolved = Resolver.Resolve(new ConnectionParameters { ProfileName = "ops", ProfileLocation = _credentials });

        Assert.Equal("eu-north-1", resolved.RegionName);
        Assert.Equal("profile 'ops'", resolved.RegionSource);
        Assert.Equal("AKIAOPS0000000000000", resolved.Credentials.GetCredentials().AccessKey);
    }

    [Fact]
    public void Literal_keys_beat_Credential_which_beats_a_profile()
    {
        var foreign = new BasicAWSCredentials("AKIACRED000000000000", "c");

        var literal = Resolver.Resolve(new ConnectionParameters { AccessKey = "AKIALITERAL000000000", SecretKey = "l", Credential = foreign, ProfileName = "ops", ProfileLocation = _credentials, Region = "us-east-1" });
        var credential = Resolver.Resolve(new ConnectionParameters { Credential = foreign, ProfileName = "ops", ProfileLocation = _credentials, Region = "us-east-1" });

        Assert.Equal("AKIALITERAL000000000", literal.Credentials.GetCredentials().AccessKey);
        Assert.Equal("AKIACRED000000000000", credential.Credentials.GetCredentials().AccessKey);
        Assert.Equal("-Credential", credential.CredentialSource);
    }

    [Fact]
    public void Session_token_makes_session_credentials()
    {
        var resolved = Resolver.Resolve(new ConnectionParameters { AccessKey = "ASIATEMP000000000000", SecretKey = "t", SessionToken = "token", Region = "us-east-1" });

        var keys = resolved.Credentials.GetCredentials();
        Assert.True(keys.UseToken);
        Assert.Equal("token", keys.Token);
    }

    [Fact]
    public void A_profile_location_alone_reads_its_default_profile()
    {
        var resolved = Resolver.Resolve(new ConnectionParameters { ProfileLocation = _credentials, Region = "us-east-1" });

        Assert.Equal("AKIADEFAULT000000000", resolved.Credentials.GetCredentials().AccessKey);
    }

    [Fact]
    public void Equal_connections_share_a_cache_key_and_different_secrets_do_not()
    {
        var one = Resolver.Resolve(new ConnectionParameters { AccessKey = "AKIA1", SecretKey = "s", Region = "us-east-1" });
        var same = Resolver.Resolve(new ConnectionParameters { AccessKey = "AKIA1", SecretKey = "s", Region = "us-east-1" });
        var other = Resolver.Resolve(new ConnectionParameters { AccessKey = "AKIA1", SecretKey = "other", Region = "us-east-1" });

        Assert.Equal(one.CacheKey, same.CacheKey);
        Assert.NotEqual(one.CacheKey, other.CacheKey);
        Assert.DoesNotContain("s|", one.CacheKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("eu-central-2", true)]
    [InlineData("cn-northwest-1", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("us-isob-east-1", true)]
    [InlineData("ap-southeast-7", true)]
    [InlineData("moon-base-1", false)]
    [InlineData("US-EAST-1", false)]
    [InlineData("us-east", false)]
    [InlineData("", false)]
    public void Region_names_are_checked_against_the_partitions_AWSSDK_Core_knows(string name, bool valid)
    {
        Assert.Equal(valid, ConnectionResolver.IsRegionName(name));
    }

    [Theory]
    [InlineData("RegionInvalid", null, "moon-base-1", null, null)]
    [InlineData("EndpointUrlInvalid", "ftp://example.com", null, null, null)]
    [InlineData("AccessKeyIncomplete", null, null, "AKIAIOSFODNN7EXAMPLE", null)]
    [InlineData("AccessKeyIncomplete", null, null, null, "secret")]
    public void Offline_checks_catch_what_the_sandbox_would_otherwise_ignore(string errorId, string? endpoint, string? region, string? accessKey, string? secretKey)
    {
        var parameters = new ConnectionParameters { EndpointUrl = endpoint, Region = region, AccessKey = accessKey, SecretKey = secretKey, ProfileName = "not-read" };

        Assert.Equal(errorId, Assert.Throws<IamOpsException>(() => ConnectionResolver.CheckOffline(parameters)).ErrorId);
        Assert.Equal("CredentialNotRecognized", Assert.Throws<IamOpsException>(() => ConnectionResolver.CheckOffline(new ConnectionParameters { Credential = 42 })).ErrorId);
        ConnectionResolver.CheckOffline(new ConnectionParameters { Region = "eu-west-1", EndpointUrl = "http://127.0.0.1:4566", ProfileName = "not-read", ProfileLocation = "/no/such/file" });
    }

    [Fact]
    public void Missing_profile_names_the_file_searched_and_how_to_create_it()
    {
        var failure = Assert.Throws<IamOpsException>(() => Resolver.Resolve(new ConnectionParameters { ProfileName = "nope", ProfileLocation = _credentials }));

        Assert.Equal("ProfileNotFound", failure.ErrorId);
        Assert.Equal(FailureKind.ObjectNotFound, failure.Kind);
        Assert.Contains(_credentials, failure.Message, StringComparison.Ordinal);
        Assert.Contains("aws configure --profile nope", failure.Message, StringComparison.Ordinal);
    }
}
