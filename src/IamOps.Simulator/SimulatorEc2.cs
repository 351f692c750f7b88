using IamOps.Aws;

namespace IamOps.Simulator;

/// <summary><see cref="IEc2"/> in process: instances added with <see cref="SimulatedAccount.AddInstance"/>.</summary>
internal sealed class SimulatorEc2 : IEc2
{
    private readonly SimulatorConnection _connection;

    public SimulatorEc2(SimulatorConnection connection) => _connection = connection;

    private Ec2Service Service => _connection.Account.Ec2;

    public Task<InstanceProfileAssociation?> GetInstanceProfileAssociationAsync(string instanceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var active = _connection.Call("ec2", "DescribeIamInstanceProfileAssociations", instanceId, _ => Service.DescribeAssociations(instanceId),
            permission: _ => new Permission("ec2:DescribeIamInstanceProfileAssociations", "*"));
        if (active.Count > 0)
        {
            return Task.FromResult<InstanceProfileAssociation?>(active[0]);
        }

        // As the AWS adapter does: the filter matches nothing for an unknown instance too, so ask for the instance.
        _connection.Call("ec2", "DescribeInstances", instanceId, _ => Service.FindInstance(instanceId), permission: _ => new Permission("ec2:DescribeInstances", "*"));
        return Task.FromResult<InstanceProfileAssociation?>(null);
    }

    public Task<InstanceProfileAssociation> AssociateInstanceProfileAsync(string instanceId, string instanceProfileName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_connection.Call("ec2", "AssociateIamInstanceProfile", instanceId, _ => Service.Associate(instanceId, instanceProfileName),
            permission: _ => Needs("ec2:AssociateIamInstanceProfile", instanceId, instanceProfileName)));
    }

    public Task<InstanceProfileAssociation> ReplaceInstanceProfileAssociationAsync(string associationId, string instanceProfileName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_connection.Call("ec2", "ReplaceIamInstanceProfileAssociation", associationId, _ => Service.Replace(associationId, instanceProfileName),
            permission: _ => Needs("ec2:ReplaceIamInstanceProfileAssociation", Service.InstanceOfAssociation(associationId), instanceProfileName)));
    }

    /// <summary>The EC2 action on the instance, and iam:PassRole on the role the profile hands it.</summary>
    private Permission Needs(string action, string? instanceId, string instanceProfileName)
    {
        var roleArn = Service.RoleArnOfProfile(instanceProfileName);
        return new Permission(action, instanceId is null || !Ec2Service.IsInstanceId(instanceId) ? "*" : Service.InstanceArn(instanceId), roleArn is null ? null : new Permission("iam:PassRole", roleArn));
    }
}
