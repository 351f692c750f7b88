using IamOps.Aws;
using IamOps.Sandbox;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

public sealed class PersistenceTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _folder = Directory.CreateTempSubdirectory("iamops-sim-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task Save_and_load_keep_entities_keys_and_hashed_passwords()
    {
        var account = new SimulatedAccount("111122223333");
        var iam = account.Connect().Iam;
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "Alice", Tags = new[] { new IamTag("team", "blue") } }, None);
        await iam.CreateLoginProfileAsync("Alice", "Plain-Text-Password-1", true, None);
        var key = await iam.CreateAccessKeyAsync("Alice", None);
        var policy = await iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p", PolicyDocument = Expect.Statement("Allow", "s3:*") }, None);
        await iam.AttachPolicyAsync(IdentityKind.User, "Alice", policy.Arn, None);
        await iam.AttachPolicyAsync(IdentityKind.User, "Alice", "arn:aws:iam::aws:policy/ReadOnlyAccess", None);
        await iam.CreateAccountAliasAsync("acme", None);
        account.AddBucket("data-bucket", "eu-west-1");
        await iam.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { MinimumPasswordLength = 14, RequireSymbols = true, MaxPasswordAge = 90 }, None);
        account.Quotas.Users = 7000;
        var path = PathOf("state.json");
        account.Save(path);

        var text = await File.ReadAllTextAsync(path);
        Assert.StartsWith("{\"Format\":\"IamOps.Simulator.Account\",\"FormatVersion\":1,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Plain-Text-Password-1", text, StringComparison.Ordinal);
        Assert.Contains(key.SecretAccessKey, text, StringComparison.Ordinal);

        var loaded = SimulatedAccount.Load(path);
        var again = loaded.Connect().Iam;
        Assert.Equal(new IamTag("team", "blue"), Assert.Single((await again.GetUserAsync("alice", None)).Tags));
        Assert.True(loaded.Iam.PasswordMatches("alice", "Plain-Text-Password-1"));
        Assert.Equal(2, (await Expect.All(again.ListAttachedPoliciesAsync(IdentityKind.User, "ALICE", None))).Count);
        Assert.Equal(1, (await again.GetPolicyAsync("arn:aws:iam::aws:policy/ReadOnlyAccess", None)).AttachmentCount);
        Assert.Equal("acme", Assert.Single(await Expect.All(again.ListAccountAliasesAsync(None))));
        var alice = loaded.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));
        Assert.EndsWith(":user/Alice", (await alice.Sts.GetCallerIdentityAsync(None)).Arn, StringComparison.Ordinal);
        Assert.Equal("eu-west-1", (await alice.S3.HeadBucketAsync("data-bucket", None)).Region);
        Assert.Equal(account.AdministratorCredentials, loaded.AdministratorCredentials);
        Assert.Equal(new PasswordPolicy { MinimumPasswordLength = 14, RequireSymbols = true, MaxPasswordAge = 90, ExpirePasswords = true }, await again.GetAccountPasswordPolicyAsync(None));
        Assert.Equal(7000, loaded.Quotas.Users);
    }

    [Fact]
    public void State_file_is_readable_by_its_owner_only()
    {
        var path = PathOf("state.json");
        new SimulatedAccount().Save(path);
        Assert.Single(Directory.GetFiles(_folder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"Format\":\"SomethingElse\",\"FormatVersion\":1}")]
    [InlineData("{\"Format\":\"IamOps.Simulator.Account\",\"FormatVersion\":99,\"Account\":{}}")]
    [InlineData("[1,2,3]")]
    public async Task Corrupt_or_foreign_files_are_refused_and_left_unchanged(string content)
    {
        var path = PathOf("state.json");
        await File.WriteAllTextAsync(path, content);
        var error = Assert.Throws<IamOpsException>(() => SimulatedAccount.Load(path));
        Assert.Equal(("SandboxStateInvalid", FailureKind.InvalidData), (error.ErrorId, error.Kind));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Throws<IamOpsException>(() => new SandboxFactory().Open(path, null));
        Assert.Equal(content, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Saving_over_a_foreign_file_is_refused()
    {
        var path = PathOf("notes.json");
        await File.WriteAllTextAsync(path, "{\"mine\":true}");
        var error = Assert.Throws<IamOpsException>(() => new SimulatedAccount().Save(path));
        Assert.Equal("SandboxStateInvalid", error.ErrorId);
        Assert.Equal("{\"mine\":true}", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void A_folder_or_a_missing_folder_is_SandboxPathInvalid_not_an_IO_exception()
    {
        var folder = Assert.Throws<IamOpsException>(() => new SandboxFactory().Open(PathOf(string.Empty), null));
        var missing = Assert.Throws<IamOpsException>(() => new SimulatedAccount().Save(PathOf("no/such/folder/state.json")));

        Assert.Equal(("SandboxPathInvalid", FailureKind.InvalidArgument), (folder.ErrorId, folder.Kind));
        Assert.Equal(("SandboxPathInvalid", FailureKind.InvalidArgument), (missing.ErrorId, missing.Kind));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_SandboxStateNotFound()
    {
        var error = Assert.Throws<IamOpsException>(() => SimulatedAccount.Load(PathOf("none.json")));
        Assert.Equal(("SandboxStateNotFound", FailureKind.ObjectNotFound), (error.ErrorId, error.Kind));
    }

    [Fact]
    public async Task A_sandbox_with_a_path_is_created_there_and_saved_after_each_change()
    {
        var path = PathOf("sandbox.json");
        ISandbox sandbox = new SandboxFactory().Open(path, "444455556666");
        Assert.Equal(("444455556666", path), (sandbox.AccountId, sandbox.StatePath));
        Assert.True(File.Exists(path));
        await sandbox.Connect(null, null, null).Iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        var reopened = new SandboxFactory().Open(path, null);
        Assert.Equal("alice", (await reopened.Connect(null, null, null).Iam.GetUserAsync("alice", None)).UserName);
        var mismatch = Assert.Throws<IamOpsException>(() => new SandboxFactory().Open(path, "777788889999"));
        Assert.Equal("SandboxAccountMismatch", mismatch.ErrorId);
    }

    [Fact]
    public async Task A_sandbox_connects_as_the_owner_of_the_keys_given()
    {
        ISandbox sandbox = new SandboxFactory().Open(null, null);
        var admin = sandbox.Connect(null, null, null);
        Assert.Contains("simulated", admin.Description, StringComparison.Ordinal);
        await admin.Iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None);
        var key = await admin.Iam.CreateAccessKeyAsync("bob", None);
        Assert.EndsWith(":user/bob", (await sandbox.Connect(key.AccessKeyId, key.SecretAccessKey, null).Sts.GetCallerIdentityAsync(None)).Arn, StringComparison.Ordinal);
        await Expect.AwsError("SignatureDoesNotMatch", 403, () => sandbox.Connect(key.AccessKeyId, "wrong", null).Sts.GetCallerIdentityAsync(None));
    }

    [Fact]
    public async Task Sandboxes_sharing_one_file_never_lose_each_others_changes()
    {
        // Four openers of one file (as four processes with one IAMOPS_SANDBOX), each making ten users at the same time;
        // the file's lock is the operating system's, so separate opens in one process contend as processes do.
        var path = PathOf("shared.json");
        var sandboxes = Enumerable.Range(0, 4).Select(_ => new SandboxFactory().Open(path, "555566667777")).ToList();

        await Task.WhenAll(sandboxes.Select((sandbox, n) => Task.Run(async () =>
        {
            var iam = sandbox.Connect(null, null, null).Iam;
            for (var i = 0; i < 10; i++)
            {
                await iam.CreateUserAsync(new CreateUserRequest { UserName = $"p{n}-user{i}" }, None);
            }
        })));

        var users = await IamOps.Tests.Aws.IamExchange.CollectAsync(new SandboxFactory().Open(path, null).Connect(null, null, null).Iam.ListUsersAsync(null, None));
        Assert.Equal(40, users.Count(u => u.UserName.StartsWith('p')));
        // Each opener also sees the others' users without being reopened.
        Assert.Equal("p3-user9", (await sandboxes[0].Connect(null, null, null).Iam.GetUserAsync("p3-user9", None)).UserName);
    }

    [Fact]
    public async Task A_change_saved_by_another_opener_is_read_before_the_next_call()
    {
        var path = PathOf("two.json");
        var first = new SandboxFactory().Open(path, null);
        var second = new SandboxFactory().Open(path, null);
        await first.Connect(null, null, null).Iam.CreateUserAsync(new CreateUserRequest { UserName = "made-by-first" }, None);

        Assert.Equal("made-by-first", (await second.Connect(null, null, null).Iam.GetUserAsync("made-by-first", None)).UserName);
        await second.Connect(null, null, null).Iam.CreateUserAsync(new CreateUserRequest { UserName = "made-by-second" }, None);
        Assert.Equal(3, (await IamOps.Tests.Aws.IamExchange.CollectAsync(first.Connect(null, null, null).Iam.ListUsersAsync(null, None))).Count);
    }
}
