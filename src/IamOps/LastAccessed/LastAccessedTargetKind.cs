namespace IamOps.LastAccessed;

/// <summary>What a last-accessed report is about.</summary>
public enum LastAccessedTargetKind
{
    User,
    Role,
    Group,
    Policy,
}
