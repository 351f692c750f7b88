namespace IamOps.Developers;

/// <summary>What happened to one developer.</summary>
public enum DeveloperStatus
{
    Created,
    Updated,
    Unchanged,
    WouldChange,
    Failed,
}
