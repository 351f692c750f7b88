namespace IamOps.LastAccessed;

/// <summary>Whether a row is about a whole service or one of its tracked actions.</summary>
public enum LastAccessedLevel
{
    Service,
    Action,
}
