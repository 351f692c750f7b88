using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>The catalog actions a statement's Action element names, and whether that list is the whole truth.</summary>
internal sealed class StatementActions
{
    private const int MaxExpanded = 2000;

    private StatementActions(IReadOnlyList<ActionDefinition> actions, bool complete)
    {
        Actions = actions;
        IsComplete = complete;
    }

    public IReadOnlyList<ActionDefinition> Actions { get; }

    /// <summary>False for NotAction, "*", service wildcards or unknown services: checks that need every action are skipped.</summary>
    public bool IsComplete { get; }

    public static StatementActions For(PolicyStatement statement, ActionCatalog catalog)
    {
        if (statement.Action is null)
        {
            return new StatementActions(Array.Empty<ActionDefinition>(), false);
        }

        var complete = true;
        var result = new List<ActionDefinition>();
        foreach (var value in statement.Action)
        {
            var text = value.Text;
            var colon = text.IndexOf(':');
            if (text == "*" || colon <= 0 || WildcardCharacters.AnyIn(text.Substring(0, colon)))
            {
                complete = false;
                continue;
            }

            var expanded = catalog.ExpandActions(text);
            if (expanded.Count == 0)
            {
                complete = false;
            }

            result.AddRange(expanded);
            if (result.Count > MaxExpanded)
            {
                return new StatementActions(result, false);
            }
        }

        return new StatementActions(result, complete);
    }
}
