using IamOps.Aws;
using IamOps.Secrets;

namespace IamOps.Tests.Secrets;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretFilesTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("iamops-secrets-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Credential_csv_is_created_owner_only_with_the_consoles_columns()
    {
        var path = Path.Combine(_temp, "admins.csv");

        CredentialCsv.Write(path, [new CredentialRow("alice", "P@ss,word\"1", "AKIA1", "secret/1", "https://acme.signin.aws.amazon.com/console")], append: false, overwrite: false);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.True(OwnerOnlyFile.IsOwnerOnly(path));
        var lines = File.ReadAllLines(path);
        Assert.Equal("User name,Password,Access key ID,Secret access key,Console sign-in URL", lines[0]);
        Assert.Equal("alice,\"P@ss,word\"\"1\",AKIA1,secret/1,https://acme.signin.aws.amazon.com/console", lines[1]);
    }

    [Fact]
    public void Appending_writes_the_header_once_and_tightens_a_loose_file()
    {
        var path = Path.Combine(_temp, "team.csv");
        CredentialCsv.Write(path, [new CredentialRow("a", "p", null, null, "u")], append: true, overwrite: false);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        CredentialCsv.Write(path, [new CredentialRow("b", null, "AKIA2", "s", "u")], append: true, overwrite: false);

        Assert.Equal(3, File.ReadAllLines(path).Length);
        Assert.Single(File.ReadAllLines(path), l => l.StartsWith("User name", StringComparison.Ordinal));
        Assert.True(OwnerOnlyFile.IsOwnerOnly(path));
    }

    [Fact]
    public void A_baseline_credential_file_an_earlier_run_wrote_can_be_appended_to_but_a_foreign_file_cannot()
    {
        var ours = Path.Combine(_temp, "admins.csv");
        CredentialCsv.Write(ours, [new CredentialRow("alice", "pw1", null, null, "https://acme.signin.aws.amazon.com/console")], append: false, overwrite: false);
        var foreign = Path.Combine(_temp, "notes.csv");
        File.WriteAllText(foreign, "User name,Password,Access key ID,Secret access key,Console sign-in URL\n");
        var loose = Path.Combine(_temp, "loose.csv");
        File.Copy(ours, loose);
        File.SetUnixFileMode(loose, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        CredentialCsv.CheckWritable(ours, append: true, overwrite: false, appendOnlyToCredentialFile: true);
        CredentialCsv.Write(ours, [new CredentialRow("bob", "pw2", null, null, "https://acme.signin.aws.amazon.com/console")], append: true, overwrite: false);

        Assert.Equal(3, File.ReadAllLines(ours).Length);
        Assert.StartsWith("bob,", File.ReadAllLines(ours)[2], StringComparison.Ordinal);
        File.SetUnixFileMode(foreign, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(foreign, "my own notes\n");
        Assert.Equal("CredentialFileExists", Assert.Throws<IamOpsException>(() => CredentialCsv.CheckWritable(foreign, append: true, overwrite: false, appendOnlyToCredentialFile: true)).ErrorId);
        Assert.Equal("CredentialFileExists", Assert.Throws<IamOpsException>(() => CredentialCsv.CheckWritable(loose, append: true, overwrite: false, appendOnlyToCredentialFile: true)).ErrorId);
        CredentialCsv.CheckWritable(foreign, append: true, overwrite: true, appendOnlyToCredentialFile: true);
    }

    [Fact]
    public void An_existing_file_is_refused_before_any_change_unless_forced()
    {
        var path = Path.Combine(_temp, "exists.csv");
        File.WriteAllText(path, "keep me");

        var failure = Assert.Throws<IamOpsException>(() => CredentialCsv.CheckWritable(path, append: false, overwrite: false));

        Assert.Equal("CredentialFileExists", failure.ErrorId);
        Assert.Equal("keep me", File.ReadAllText(path));
        CredentialCsv.CheckWritable(path, append: false, overwrite: true);
        Assert.Throws<IOException>(() => CredentialCsv.Write(path, [], append: false, overwrite: false));
    }

    [Theory]
    [InlineData("{temp}", "CredentialFileInvalid")]
    [InlineData("{temp}/no/such/folder/x.csv", "CredentialFileInvalid")]
    public void Unusable_paths_are_refused_with_a_clear_error(string path, string errorId)
    {
        var failure = Assert.Throws<IamOpsException>(() => CredentialCsv.CheckWritable(path.Replace("{temp}", _temp, StringComparison.Ordinal), append: false, overwrite: false));

        Assert.Equal(errorId, failure.ErrorId);
    }

    [Fact]
    public void Initial_passwords_meet_the_policy_and_differ()
    {
        var policy = new PasswordPolicy { MinimumPasswordLength = 32, RequireLowercaseCharacters = true, RequireUppercaseCharacters = true, RequireNumbers = true, RequireSymbols = true };

        var passwords = Enumerable.Range(0, 200).Select(_ => InitialPassword.Generate(policy.MinimumPasswordLength)).ToList();

        Assert.All(passwords, p =>
        {
            Assert.Equal(32, p.Length);
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
            Assert.Contains(p, c => !char.IsLetterOrDigit(c));
            Assert.DoesNotContain(p, c => c is ',' or '"' or '\'' or '\\');
        });
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(20, InitialPassword.Generate(null).Length);
    }

    [Fact]
    public void SecureString_round_trips()
    {
        Assert.Equal("s3cr3t!", SecretText.ToPlainText(SecretText.ToSecureString("s3cr3t!")));
    }
}
