namespace IamOps.Policy;

/// <summary>The role a policy plays in a decision.</summary>
public enum PolicySource
{
    /// <summary>An identity policy of the user, its groups, or the role.</summary>
    Identity,

    /// <summary>The permissions boundary.</summary>
    PermissionsBoundary,

    /// <summary>A session policy passed when the session was created.</summary>
    Session,

    /// <summary>A service control policy of the principal's organization.</summary>
    ServiceControl,

    /// <summary>The resource's own policy (bucket policy, key policy, a role's trust policy, ...).</summary>
    Resource,

    /// <summary>A resource control policy of the resource's organization.</summary>
    ResourceControl,
}
