using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>DeleteUser and DeleteRole refuse, as IAM does, while any dependent remains; each message names what to remove.</summary>
public sealed class DeleteConflictTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new("111122223333");
    private readonly IIam _iam;

    public DeleteConflictTests() => _iam = _account.Connect().Iam;

    public static TheoryData<string, string> UserDependents => new()
    {
        { "login profile", "must delete login profile first" },
        { "access key", "must delete access keys first" },
        { "signing certificate", "must delete signing certificates first" },
        { "SSH public key", "must delete SSH public keys first" },
        { "service-specific credential", "must delete service specific credentials first" },
        { "group", "must remove users from group first" },
        { "inline policy", "must delete policies first" },
        { "attached policy", "must detach all policies first" },
    };

    [Theory]
    [MemberData(nameof(UserDependents))]
    public async Task DeleteUser_is_refused_while_a_dependent_remains_and_succeeds_once_it_is_gone(string dependent, string message)
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        Func<Task> remove = await AddAsync(dependent);

        var error = await Expect.AwsError("DeleteConflict", 409, () => _iam.DeleteUserAsync("alice", None));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);

        await remove();
        await _iam.DeleteUserAsync("alice", None);
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetUserAsync("alice", None));
    }

    [Fact]
    public async Task DeleteRole_is_refused_while_in_an_instance_profile_or_with_policies()
    {
        await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "app", AssumeRolePolicyDocument = Expect.Trust("{\"Service\":\"ec2.amazonaws.com\"}") }, None);
        await _iam.CreateInstanceProfileAsync("app", null, Array.Empty<IamTag>(), None);
        await _iam.AddRoleToInstanceProfileAsync("app", "app", None);
        await _iam.AttachPolicyAsync(IdentityKind.Role, "app", "arn:aws:iam::aws:policy/ReadOnlyAccess", None);

        Assert.Contains("must remove roles from instance profile first", (await Expect.AwsError("DeleteConflict", 409, () => _iam.DeleteRoleAsync("app", None))).Message, StringComparison.Ordinal);
        await _iam.RemoveRoleFromInstanceProfileAsync("app", "app", None);
        Assert.Contains("must detach all policies first", (await Expect.AwsError("DeleteConflict", 409, () => _iam.DeleteRoleAsync("app", None))).Message, StringComparison.Ordinal);
        await _iam.DetachPolicyAsync(IdentityKind.Role, "app", "arn:aws:iam::aws:policy/ReadOnlyAccess", None);
        await _iam.DeleteRoleAsync("app", None);
        await _iam.DeleteInstanceProfileAsync("app", None);

        await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetRoleAsync("app", None));
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetInstanceProfileAsync("app", None));
    }

    private async Task<Func<Task>> AddAsync(string dependent)
    {
        switch (dependent)
        {
            case "login profile":
                await _iam.CreateLoginProfileAsync("alice", "Initial-Passw0rd!", true, None);
                return () => _iam.DeleteLoginProfileAsync("alice", None);
            case "access key":
                var key = await _iam.CreateAccessKeyAsync("alice", None);
                return () => _iam.DeleteAccessKeyAsync("alice", key.AccessKeyId, None);
            case "signing certificate":
                var certificate = await _iam.UploadSigningCertificateAsync("alice", "-----BEGIN CERTIFICATE-----", None);
                return () => _iam.DeleteSigningCertificateAsync("alice", certificate.Id, None);
            case "SSH public key":
                var ssh = await _iam.UploadSshPublicKeyAsync("alice", "ssh-ed25519 AAAAC3 alice", None);
                return () => _iam.DeleteSshPublicKeyAsync("alice", ssh.Id, None);
            case "service-specific credential":
                var credential = await _iam.CreateServiceSpecificCredentialAsync("alice", "codecommit.amazonaws.com", None);
                return () => _iam.DeleteServiceSpecificCredentialAsync("alice", credential.Id, None);
            case "group":
                await _iam.CreateGroupAsync("devs", null, None);
                await _iam.AddUserToGroupAsync("devs", "alice", None);
                return () => _iam.RemoveUserFromGroupAsync("devs", "alice", None);
            case "inline policy":
                await _iam.PutInlinePolicyAsync(IdentityKind.User, "alice", "p", Expect.Statement("Allow", "s3:GetObject"), None);
                return () => _iam.DeleteInlinePolicyAsync(IdentityKind.User, "alice", "p", None);
            default:
                await _iam.AttachPolicyAsync(IdentityKind.User, "alice", "arn:aws:iam::aws:policy/ReadOnlyAccess", None);
                return () => _iam.DetachPolicyAsync(IdentityKind.User, "alice", "arn:aws:iam::aws:policy/ReadOnlyAccess", None);
        }
    }
}
