namespace IamOps.Simulator;

/// <summary>Which API actions change state: the call log's IsMutating.</summary>
internal static class OperationKinds
{
    private static readonly string[] MutatingPrefixes =
    {
        "Create", "Update", "Delete", "Put", "Attach", "Detach", "Add", "Remove", "Tag", "Untag", "Enable", "Deactivate", "Set", "Change", "Upload", "Reset",
        "Associate", "Disassociate", "Replace",
    };

    public static bool IsMutating(string operation) => MutatingPrefixes.Any(p => operation.StartsWith(p, StringComparison.Ordinal));
}
