namespace IamOps.Planning;

/// <summary>What a planned change does to its target.</summary>
public enum ChangeKind
{
    Create,
    Update,
    Attach,
    Detach,
    Add,
    Remove,
    Delete,
}
