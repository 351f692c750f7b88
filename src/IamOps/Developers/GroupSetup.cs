using IamOps.Planning;

namespace IamOps.Developers;

/// <summary>Batch-wide group work done before any user: missing groups created, their policies attached, password self-service ensured.</summary>
public sealed class GroupSetup
{
    private readonly Dictionary<PlannedChange, string> _groupOfChange = new();

    /// <summary>Group work whose changes belong to no particular group (benchmarks and tests that plan users alone).</summary>
    internal GroupSetup(IReadOnlyList<PlannedChange> changes, IReadOnlyCollection<string> missingGroups)
        : this(changes, changes.Select(_ => string.Empty).ToList(), missingGroups)
    {
    }

    internal GroupSetup(IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> groupOfChange, IReadOnlyCollection<string> missingGroups)
    {
        Changes = changes;
        for (var i = 0; i < changes.Count; i++)
        {
            _groupOfChange[changes[i]] = groupOfChange[i];
        }

        MissingGroups = missingGroups;
    }

    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>Groups that do not exist and will not be created (no -CreateMissingGroup): their users fail.</summary>
    public IReadOnlyCollection<string> MissingGroups { get; }

    /// <summary>The outcomes of the changes to the groups <paramref name="request"/> wants: they are that developer's changes too.</summary>
    internal IReadOnlyList<AppliedChange> For(DeveloperRequest request, IReadOnlyList<AppliedChange>? applied) =>
        applied is null
            ? Array.Empty<AppliedChange>()
            : applied.Where(a => _groupOfChange.TryGetValue(a.Change, out var group) && request.GroupNames.Contains(group, StringComparer.OrdinalIgnoreCase)).ToList();
}
