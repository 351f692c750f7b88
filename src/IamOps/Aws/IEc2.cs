namespace IamOps.Aws;

/// <summary>The EC2 calls IamOps makes: which instance profile an instance has, and giving it another.</summary>
public interface IEc2
{
    /// <summary>
    /// The instance's current association (associating or associated), or null when it has none; fails with
    /// ObjectNotFound (InvalidInstanceID.NotFound) when the instance does not exist.
    /// </summary>
    Task<InstanceProfileAssociation?> GetInstanceProfileAssociationAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Gives an instance without a profile this one (by name); EC2 refuses (IncorrectState) when it has one.</summary>
    Task<InstanceProfileAssociation> AssociateInstanceProfileAsync(string instanceId, string instanceProfileName, CancellationToken cancellationToken);

    /// <summary>Swaps the profile of a running instance's association (it gets a new association id).</summary>
    Task<InstanceProfileAssociation> ReplaceInstanceProfileAssociationAsync(string associationId, string instanceProfileName, CancellationToken cancellationToken);
}
