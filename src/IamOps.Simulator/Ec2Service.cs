using System.Text.RegularExpressions;
using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// The little of EC2 the account simulates: instances added with <see cref="SimulatedAccount.AddInstance"/> and their
/// IAM instance profile associations, with EC2's error codes. Runs under the account's lock, like <see cref="IamService"/>.
/// </summary>
internal sealed class Ec2Service
{
    private static readonly Regex InstanceIdPattern = new("^i-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);
    private readonly SimulatedAccount _account;

    public Ec2Service(SimulatedAccount account) => _account = account;

    private AccountState State => _account.State;

    public static bool IsInstanceId(string? instanceId) => instanceId is not null && InstanceIdPattern.IsMatch(instanceId);

    public string InstanceArn(string instanceId) => $"arn:aws:ec2:us-east-1:{_account.AccountId}:instance/{instanceId}";

    /// <summary>An instance's active association, if any; an unknown instance simply matches nothing, as EC2's filter does.</summary>
    public IReadOnlyList<InstanceProfileAssociation> DescribeAssociations(string instanceId) =>
        State.Instances.TryGetValue(instanceId, out var instance) && instance.Association is { } association
            ? new[] { ToAssociation(instance, association, "associated") }
            : Array.Empty<InstanceProfileAssociation>();

    public InstanceState FindInstance(string? instanceId)
    {
        if (!IsInstanceId(instanceId))
        {
            throw new ServiceError("InvalidInstanceID.Malformed", 400, $"Invalid id: \"{instanceId}\" (expecting \"i-...\")");
        }

        return State.Instances.TryGetValue(instanceId!, out var instance)
            ? instance
            : throw new ServiceError("InvalidInstanceID.NotFound", 400, $"The instance ID '{instanceId}' does not exist");
    }

    public InstanceProfileAssociation Associate(string instanceId, string instanceProfileName)
    {
        var instance = FindInstance(instanceId);
        var profile = FindProfile(instanceProfileName);
        if (instance.Association is not null)
        {
            throw new ServiceError("IncorrectState", 400, $"There is an existing association for instance {instanceId}");
        }

        instance.Association = NewAssociation(profile);
        return ToAssociation(instance, instance.Association, "associating");
    }

    public InstanceProfileAssociation Replace(string associationId, string instanceProfileName)
    {
        var instance = State.Instances.Values.FirstOrDefault(i => i.Association?.AssociationId == associationId)
            ?? throw new ServiceError("InvalidAssociationID.NotFound", 400, $"An association with ID {associationId} does not exist.");
        var profile = FindProfile(instanceProfileName);
        instance.Association = NewAssociation(profile);
        return ToAssociation(instance, instance.Association, "associating");
    }

    /// <summary>The ARN of the role an instance profile holds (what iam:PassRole is checked on), or null.</summary>
    public string? RoleArnOfProfile(string? instanceProfileName) =>
        instanceProfileName is not null && State.InstanceProfiles.TryGetValue(instanceProfileName, out var profile)
            && profile.Roles.FirstOrDefault() is { } roleName && State.Roles.TryGetValue(roleName, out var role)
            ? _account.Iam.RoleArn(role)
            : null;

    /// <summary>The instance whose association this is, for authorizing a replacement on the instance's ARN.</summary>
    public string? InstanceOfAssociation(string? associationId) =>
        State.Instances.Values.FirstOrDefault(i => i.Association is not null && i.Association.AssociationId == associationId)?.InstanceId;

    // EC2 learns of a new instance profile later than IAM has it: until then the name is "invalid", as in AWS.
    private InstanceProfileState FindProfile(string? name) =>
        name is not null && State.InstanceProfiles.TryGetValue(name, out var profile) && _account.Now >= profile.CreateDate + _account.PropagationDelay
            ? profile
            : throw new ServiceError("InvalidParameterValue", 400, $"Value ({name}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name");

    private InstanceAssociationState NewAssociation(InstanceProfileState profile) => new()
    {
        AssociationId = SecretGenerator.Ec2Id("iip-assoc"),
        InstanceProfileName = profile.Name,
        InstanceProfileArn = _account.Iam.ToInstanceProfile(profile).Arn,
        InstanceProfileId = profile.Id,
        Timestamp = _account.Now,
    };

    private static InstanceProfileAssociation ToAssociation(InstanceState instance, InstanceAssociationState association, string state) => new()
    {
        AssociationId = association.AssociationId,
        InstanceId = instance.InstanceId,
        InstanceProfileArn = association.InstanceProfileArn,
        InstanceProfileId = association.InstanceProfileId,
        State = state,
        Timestamp = association.Timestamp,
    };
}
