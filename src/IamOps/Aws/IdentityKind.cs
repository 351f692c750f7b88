namespace IamOps.Aws;

/// <summary>The IAM identities that carry policies; one port method serves all three instead of three near-copies.</summary>
public enum IdentityKind
{
    User,
    Group,
    Role,
}
