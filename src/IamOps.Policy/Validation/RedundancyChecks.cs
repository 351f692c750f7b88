using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>Finds actions, resources and statements already covered by others.</summary>
internal static class RedundancyChecks
{
    public static void CheckStatement(ValidationRun run, PolicyStatement statement)
    {
        CheckList(run, statement, statement.Action ?? statement.NotAction, StringComparison.OrdinalIgnoreCase, PolicyCheckIds.RedundantAction, "action");
        CheckList(run, statement, statement.Resource ?? statement.NotResource, StringComparison.Ordinal, PolicyCheckIds.RedundantResource, "resource");
    }

    /// <summary>Pairwise comparisons stop here: far past any size IAM accepts, and quadratic beyond it.</summary>
    private const int MaxCompared = 500;

    public static void CheckStatements(ValidationRun run)
    {
        var statements = run.Document.Statements;
        if (statements.Count < 2 || statements.Count > MaxCompared)
        {
            return;
        }

        var grants = statements.Select(s => new StatementGrant(s)).ToArray();
        for (var i = 0; i < grants.Length; i++)
        {
            for (var j = 0; j < grants.Length; j++)
            {
                if (i == j || !grants[j].Contains(grants[i]))
                {
                    continue;
                }

                // When two statements cover each other, the later one is the redundant one.
                if (i < j && grants[i].Contains(grants[j]))
                {
                    continue;
                }

                var covering = statements[j];
                var name = covering.Sid is { Text.Length: > 0 } sid ? $"statement {covering.Index} ({sid.Text})" : $"statement {covering.Index}";
                run.Add(FindingSeverity.Suggestion, PolicyCheckIds.RedundantStatement, $"Everything this statement grants is already granted by {name}; remove it or merge them.", statements[i].Location, statements[i]);
                break;
            }
        }
    }

    private static void CheckList(ValidationRun run, PolicyStatement statement, PolicyValueList? list, StringComparison comparison, string checkId, string what)
    {
        if (list is null || list.Count < 2 || list.Count > MaxCompared)
        {
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            for (var j = 0; j < list.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var same = string.Equals(list[i].Text, list[j].Text, comparison);
                if ((same && j < i) || (!same && Covers(list[j].Text, list[i].Text, comparison)))
                {
                    run.Add(FindingSeverity.Suggestion, checkId, $"The {what} \"{list[i].Text}\" is already covered by \"{list[j].Text}\"; remove it.", list[i].Location, statement);
                    break;
                }
            }
        }
    }

    /// <summary>True when pattern matches every text the other pattern matches (its wildcards read literally).</summary>
    private static bool Covers(string pattern, string other, StringComparison comparison)
        => WildcardPattern.CompileShared(pattern).IsMatch(other.AsSpan(), comparison);
}
