namespace IamOps.BucketAccess;

/// <summary>Where a grant's statements live.</summary>
public enum GrantPolicyType
{
    /// <summary>An inline policy embedded in the user, group or role (the default).</summary>
    Inline,

    /// <summary>A customer managed policy attached to the principal (-AsManagedPolicy).</summary>
    Managed,
}
