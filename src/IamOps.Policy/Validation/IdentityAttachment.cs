namespace IamOps.Policy;

/// <summary>Where an identity policy lives, which decides its size quota.</summary>
public enum IdentityAttachment
{
    /// <summary>A customer managed policy: 6,144 characters.</summary>
    Managed,

    /// <summary>Inline on a user: 2,048 characters (all inline policies together).</summary>
    User,

    /// <summary>Inline on a group: 5,120 characters.</summary>
    Group,

    /// <summary>Inline on a role: 10,240 characters.</summary>
    Role,
}
