using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>The simulator's instance registry: instance profile associations with EC2's errors, authorization and persistence.</summary>
public sealed class Ec2Tests
{
    private const string Instance = "i-0123456789abcdef0";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new("111122223333");
    private readonly SimulatorConnection _admin;

    public Ec2Tests()
    {
        _admin = _account.Connect();
        _account.AddInstance(Instance);
    }

    private async Task ProfileAsync(string name)
    {
        await _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = Expect.Trust("""{"Service":"ec2.amazonaws.com"}""") }, None);
        await _admin.Iam.CreateInstanceProfileAsync(name, null, Array.Empty<IamTag>(), None);
        await _admin.Iam.AddRoleToInstanceProfileAsync(name, name, None);
    }

    [Theory]
    [InlineData("i-12345678")]
    [InlineData("i-0123456789abcdef1")]
    [InlineData(null)]
    public void AddInstance_takes_ec2_shaped_ids_or_makes_one(string? id)
    {
        var added = _account.AddInstance(id);

        Assert.Matches("^i-([0-9a-f]{8}|[0-9a-f]{17})$", added);
        Assert.Null(_account.InstanceProfileOf(added));
    }

    [Theory]
    [InlineData("i-XYZ")]
    [InlineData("instance-1")]
    public void AddInstance_refuses_other_ids(string id) => Assert.Throws<ArgumentException>(() => _account.AddInstance(id));

    [Fact]
    public async Task An_instance_without_a_profile_has_no_association()
    {
        Assert.Null(await _admin.Ec2.GetInstanceProfileAssociationAsync(Instance, None));
        Assert.Equal(new[] { "DescribeIamInstanceProfileAssociations", "DescribeInstances" }, _account.CallLog.Calls.Select(c => c.Operation).TakeLast(2));
    }

    [Fact]
    public async Task Unknown_and_malformed_instances_fail_as_EC2_says()
    {
        var unknown = await Expect.AwsError("InvalidInstanceID.NotFound", 400, () => _admin.Ec2.GetInstanceProfileAssociationAsync("i-0fffffffffffffff0", None));
        await Expect.AwsError("InvalidInstanceID.Malformed", 400, () => _admin.Ec2.GetInstanceProfileAssociationAsync("i-nope", None));
        await Expect.AwsError("InvalidInstanceID.NotFound", 400, () => _admin.Ec2.AssociateInstanceProfileAsync("i-0fffffffffffffff0", "x", None));

        Assert.Equal(FailureKind.ObjectNotFound, unknown.Kind);
        Assert.Throws<IamOpsException>(() => _account.InstanceProfileOf("i-0fffffffffffffff0"));
    }

    [Fact]
    public async Task Associate_then_describe_then_a_second_associate_is_IncorrectState()
    {
        await ProfileAsync("web");

        var made = await _admin.Ec2.AssociateInstanceProfileAsync(Instance, "web", None);
        var read = await _admin.Ec2.GetInstanceProfileAssociationAsync(Instance, None);
        var again = await Expect.AwsError("IncorrectState", 400, () => _admin.Ec2.AssociateInstanceProfileAsync(Instance, "web", None));

        Assert.Equal("associating", made.State);
        Assert.StartsWith("iip-assoc-", made.AssociationId, StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::111122223333:instance-profile/web", made.InstanceProfileArn);
        Assert.Equal(("associated", made.AssociationId, "web"), (read!.State, read.AssociationId, read.InstanceProfileName));
        Assert.Equal(FailureKind.InvalidOperation, again.Kind);
        Assert.Equal("web", _account.InstanceProfileOf(Instance));
        Assert.True(_account.CallLog.Of("AssociateIamInstanceProfile").All(c => c.IsMutating));
    }

    [Fact]
    public async Task Replace_gives_a_new_association_and_an_unknown_association_is_not_found()
    {
        await ProfileAsync("web");
        await ProfileAsync("batch");
        var first = await _admin.Ec2.AssociateInstanceProfileAsync(Instance, "web", None);

        var replaced = await _admin.Ec2.ReplaceInstanceProfileAssociationAsync(first.AssociationId, "batch", None);

        Assert.NotEqual(first.AssociationId, replaced.AssociationId);
        Assert.Equal("batch", _account.InstanceProfileOf(Instance));
        await Expect.AwsError("InvalidAssociationID.NotFound", 400, () => _admin.Ec2.ReplaceInstanceProfileAssociationAsync(first.AssociationId, "web", None));
        await Expect.AwsError("InvalidParameterValue", 400, () => _admin.Ec2.ReplaceInstanceProfileAssociationAsync(replaced.AssociationId, "missing", None));
    }

    [Fact]
    public async Task A_profile_EC2_has_not_seen_yet_is_an_invalid_name_until_the_propagation_delay_passes()
    {
        var clock = new ManualClock(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc));
        _account.Clock = clock;
        _account.PropagationDelay = TimeSpan.FromSeconds(10);
        await ProfileAsync("web");

        var early = await Expect.AwsError("InvalidParameterValue", 400, () => _admin.Ec2.AssociateInstanceProfileAsync(Instance, "web", None));
        clock.Advance(TimeSpan.FromSeconds(10));
        await _admin.Ec2.AssociateInstanceProfileAsync(Instance, "web", None);

        Assert.Contains("Invalid IAM Instance Profile name", early.Message, StringComparison.Ordinal);
        Assert.Equal("web", _account.InstanceProfileOf(Instance));
    }

    [Fact]
    public async Task A_caller_needs_the_EC2_action_and_PassRole_on_the_profile_role()
    {
        await ProfileAsync("web");
        await _admin.Iam.CreateUserAsync(new CreateUserRequest { UserName = "ops" }, None);
        var key = await _admin.Iam.CreateAccessKeyAsync("ops", None);
        var ops = _account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));

        var nothing = await Expect.AwsError("UnauthorizedOperation", 403, () => ops.Ec2.AssociateInstanceProfileAsync(Instance, "web", None));
        await _admin.Iam.PutInlinePolicyAsync(IdentityKind.User, "ops", "ec2", Expect.Statement("Allow", "ec2:AssociateIamInstanceProfile"), None);
        var noPassRole = await Expect.AwsError("UnauthorizedOperation", 403, () => ops.Ec2.AssociateInstanceProfileAsync(Instance, "web", None));
        await _admin.Iam.PutInlinePolicyAsync(IdentityKind.User, "ops", "pass", Expect.Statement("Allow", "iam:PassRole", "arn:aws:iam::111122223333:role/web"), None);
        await ops.Ec2.AssociateInstanceProfileAsync(Instance, "web", None);

        Assert.Equal(FailureKind.PermissionDenied, nothing.Kind);
        Assert.Contains("ec2:AssociateIamInstanceProfile", nothing.Message, StringComparison.Ordinal);
        Assert.Contains("iam:PassRole", noPassRole.Message, StringComparison.Ordinal);
        Assert.Equal("web", _account.InstanceProfileOf(Instance));
    }

    [Fact]
    public async Task Instances_and_their_associations_survive_save_and_load()
    {
        await ProfileAsync("web");
        await _admin.Ec2.AssociateInstanceProfileAsync(Instance, "web", None);
        var other = _account.AddInstance();
        var path = Path.Combine(Directory.CreateTempSubdirectory("iamops-ec2-").FullName, "state.json");

        _account.Save(path);
        var loaded = SimulatedAccount.Load(path);

        Assert.Equal("web", loaded.InstanceProfileOf(Instance));
        Assert.Null(loaded.InstanceProfileOf(other));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
