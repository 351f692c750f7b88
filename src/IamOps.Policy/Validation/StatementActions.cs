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
        IReadOnlyList<ActionDefinition>? only = null;
        List<ActionDefinition>? many = null;
        foreach (var value in statement.Action)
        {
            var text = value.Text;
            var colon = text.IndexOf(':');
            if (text == "*" || colon <= 0 || WildcardCharacters.AnyIn(text, colon))
            {
                complete = false;
                continue;
            }

            var expanded = catalog.ExpandActions(text);
            if (expanded.Count == 0)
            {
                complete = false;
                continue;
            }

            // The catalog's cached expansion is shared as is when it is the statement's only one.
            if (only is null)
            {
                only = expanded;
                continue;
            }

            many ??= new List<ActionDefinition>(only);
            many.AddRange(expanded);
            if (many.Count > MaxExpanded)
            {
                return new StatementActions(many, false);
            }
        }

        return new StatementActions((IReadOnlyList<ActionDefinition>?)many ?? only ?? Array.Empty<ActionDefinition>(), complete);
    }

    /// <summary>True when any of the actions supports the condition key.</summary>
    public bool Supports(ConditionKeyDefinition key)
    {
        foreach (var action in Actions)
        {
            if (action.Supports(key))
            {
                return true;
            }
        }

        return false;
    }
}
