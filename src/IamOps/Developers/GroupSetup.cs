using IamOps.Planning;

namespace IamOps.Developers;

/// <summary>Batch-wide group work done before any user: missing groups created, password self-service ensured.</summary>
public sealed class GroupSetup
{
    internal GroupSetup(IReadOnlyList<PlannedChange> changes, IReadOnlyCollection<string> missingGroups)
    {
        Changes = changes;
        MissingGroups = missingGroups;
    }

    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>Groups that do not exist and will not be created (no -CreateMissingGroup): their users fail.</summary>
    public IReadOnlyCollection<string> MissingGroups { get; }
}
