namespace IamOps.Policy;

/// <summary>The kind of policy being validated; it decides which elements are allowed and the size limit.</summary>
public enum PolicyType
{
    /// <summary>A policy attached to a user, group or role (inline or managed).</summary>
    Identity,

    /// <summary>A resource-based policy such as a bucket or queue policy.</summary>
    Resource,

    /// <summary>A role trust policy (AssumeRolePolicyDocument).</summary>
    Trust,

    /// <summary>An AWS Organizations service control policy.</summary>
    ServiceControl,

    /// <summary>A managed policy used as a permissions boundary.</summary>
    PermissionsBoundary,

    /// <summary>An AWS Organizations resource control policy: Principal "*", Resource required.</summary>
    ResourceControl,
}
