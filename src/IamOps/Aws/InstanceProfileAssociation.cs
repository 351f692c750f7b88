namespace IamOps.Aws;

/// <summary>An EC2 instance's link to an IAM instance profile (at most one active per instance).</summary>
public sealed record InstanceProfileAssociation
{
    /// <summary>iip-assoc-..., what a replacement names.</summary>
    public string AssociationId { get; init; } = string.Empty;

    public string InstanceId { get; init; } = string.Empty;

    public string InstanceProfileArn { get; init; } = string.Empty;

    public string InstanceProfileId { get; init; } = string.Empty;

    /// <summary>associating, associated, disassociating or disassociated.</summary>
    public string State { get; init; } = string.Empty;

    public DateTime? Timestamp { get; init; }

    /// <summary>The profile's name: the ARN's last path segment.</summary>
    public string InstanceProfileName => InstanceProfileArn.Substring(InstanceProfileArn.LastIndexOf('/') + 1);

    /// <summary>Whether this association is the instance's current one (not on its way out).</summary>
    public bool IsActive => State is "associating" or "associated";
}
