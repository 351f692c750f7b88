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

    public static void CheckStatements(ValidationRun run)
    {
        var statements = run.Document.Statements;
        for (var i = 0; i < statements.Count; i++)
        {
            for (var j = 0; j < statements.Count; j++)
            {
                if (i == j || !Contains(statements[j], statements[i]))
                {
                    continue;
                }

                // When two statements cover each other, the later one is the redundant one.
                if (Contains(statements[i], statements[j]) && i < j)
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
        if (list is null || list.Count < 2)
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

    /// <summary>True when <paramref name="outer"/> grants at least everything <paramref name="inner"/> does.</summary>
    private static bool Contains(PolicyStatement outer, PolicyStatement inner)
    {
        if (outer.Effect?.Text != inner.Effect?.Text || outer.Effect is null || outer.Action is null || inner.Action is null
            || outer.NotResource is not null || inner.NotResource is not null || outer.NotPrincipal is not null || inner.NotPrincipal is not null)
        {
            return false;
        }

        if (outer.Conditions.Count > 0 && !SameConditions(outer, inner))
        {
            return false;
        }

        if (!SamePrincipal(outer.Principal, inner.Principal))
        {
            return false;
        }

        if (!inner.Action.All(a => outer.Action.Any(o => Covers(o.Text, a.Text, StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        if (outer.Resource is null || inner.Resource is null)
        {
            return outer.Resource is null && inner.Resource is null;
        }

        return inner.Resource.All(r => outer.Resource.Any(o => Covers(o.Text, r.Text, StringComparison.Ordinal)));
    }

    private static bool SameConditions(PolicyStatement a, PolicyStatement b)
        => a.Conditions.Count == b.Conditions.Count
           && a.Conditions.Zip(b.Conditions, (x, y) => x.Operator == y.Operator
                && string.Equals(x.Key, y.Key, StringComparison.OrdinalIgnoreCase)
                && x.Values.Select(v => v.Text).SequenceEqual(y.Values.Select(v => v.Text))).All(same => same);

    private static bool SamePrincipal(PolicyPrincipal? a, PolicyPrincipal? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        static string Key(PolicyPrincipal p) => p.IsWildcard ? "*" : string.Join("|", p.Entries.Select(e => e.Type + "=" + string.Join(",", e.Values.Select(v => v.Text))));
        return Key(a) == Key(b);
    }
}
