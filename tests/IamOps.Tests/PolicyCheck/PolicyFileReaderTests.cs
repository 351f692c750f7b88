using IamOps.Policy;
using IamOps.PolicyCheck;

namespace IamOps.Tests.PolicyCheck;

public sealed class PolicyFileReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("iamops-policyfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_file_is_read_as_bytes_so_invalid_utf8_is_a_finding()
    {
        var path = Path.Combine(_folder, "latin1.json");
        File.WriteAllBytes(path, new byte[] { (byte)'{', (byte)'"', 0xE9, (byte)'"', (byte)':', (byte)'1', (byte)'}' });

        var policy = PolicyFileReader.Read(path);

        Assert.Equal(path, policy.Source);
        Assert.Contains(PolicyLinter.Lint(policy, new PolicyValidationOptions()), f => f.CheckId == PolicyCheckIds.InvalidEncoding);
    }

    [Fact]
    public void A_missing_file_is_ObjectNotFound_and_a_folder_is_an_invalid_argument()
    {
        var missing = Assert.Throws<IamOpsException>(() => PolicyFileReader.Read(Path.Combine(_folder, "nope.json")));
        var folder = Assert.Throws<IamOpsException>(() => PolicyFileReader.Read(_folder));

        Assert.Equal(("PolicyFileUnreadable", FailureKind.ObjectNotFound), (missing.ErrorId, missing.Kind));
        Assert.Equal(("PathIsDirectory", FailureKind.InvalidArgument), (folder.ErrorId, folder.Kind));
    }
}
