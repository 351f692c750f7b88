using IamOps.RoleAssume;
using IamOps.Secrets;

namespace IamOps.Tests.RoleAssume;

/// <summary>-SaveAsProfile: the role session written into the shared credentials file, owner-only, other profiles untouched.</summary>
public sealed class SharedCredentialsProfileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("iamops-profile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static RoleSession Session(string accessKeyId) => new()
    {
        AccessKeyId = accessKeyId,
        SecretAccessKey = SecretText.ToSecureString("secret-" + accessKeyId),
        SessionToken = SecretText.ToSecureString("token-" + accessKeyId),
        Expiration = new DateTime(2026, 3, 1, 13, 0, 0, DateTimeKind.Utc),
        AssumedRoleArn = "arn:aws:sts::111122223333:assumed-role/deploy/alice",
    };

    [Fact]
    public void Saving_replaces_only_that_profile_and_leaves_the_file_owner_only()
    {
        var path = Path.Combine(_directory, "credentials");
        File.WriteAllText(path, "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = keep\n\n[deploy]\naws_access_key_id = OLD\n");

        SharedCredentialsProfile.Save(path, "deploy", Session("ASIANEW"));
        SharedCredentialsProfile.Save(path, "deploy", Session("ASIANEWER"));

        var text = File.ReadAllText(path);
        Assert.Contains("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = keep\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l == "[deploy]");
        Assert.Contains("aws_access_key_id = ASIANEWER\naws_secret_access_key = secret-ASIANEWER\naws_session_token = token-ASIANEWER\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("OLD", text, StringComparison.Ordinal);
        Assert.True(OwnerOnlyFile.IsOwnerOnly(path));
    }

    [Fact]
    public void Profile_location_wins_and_a_bad_profile_name_is_refused()
    {
        Assert.Equal(Path.Combine(_directory, "creds"), SharedCredentialsProfile.PathFor(Path.Combine(_directory, "creds")));
        Assert.Equal("ProfileNameInvalid", Assert.Throws<IamOpsException>(() => SharedCredentialsProfile.CheckName("bad]name")).ErrorId);
    }
}
