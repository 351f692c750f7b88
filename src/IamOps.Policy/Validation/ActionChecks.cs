using System.Text.RegularExpressions;

namespace IamOps.Policy.Validation;

/// <summary>Checks action syntax and that each action or pattern names something in the catalog.</summary>
internal static class ActionChecks
{
    private static readonly Regex ActionSyntax = new("^[A-Za-z0-9*?-]+:[A-Za-z0-9*?-]+$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static void Check(ValidationRun run, PolicyStatement statement)
    {
        foreach (var list in new[] { statement.Action, statement.NotAction })
        {
            if (list is null)
            {
                continue;
            }

            foreach (var value in list)
            {
                CheckOne(run, statement, value);
            }
        }
    }

    private static void CheckOne(ValidationRun run, PolicyStatement statement, PolicyValue value)
    {
        var text = value.Text;
        if (text == "*")
        {
            return;
        }

        if (!ActionSyntax.IsMatch(text))
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidAction, $"\"{text}\" is not an action; write service:Action, e.g. \"s3:GetObject\" (wildcards * and ? allowed).", value.Location, statement);
            return;
        }

        var colon = text.IndexOf(':');
        var prefix = text.Substring(0, colon);
        if (prefix.IndexOfAny(new[] { '*', '?' }) >= 0)
        {
            run.Add(FindingSeverity.Suggestion, PolicyCheckIds.WildcardInServiceName, $"\"{text}\" has a wildcard in the service prefix, which may match services you did not mean; name the services.", value.Location, statement);
            return;
        }

        var service = run.Catalog.FindService(prefix);
        if (service is null)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.UnknownService, $"\"{prefix}\" is not a known service prefix; check the spelling in the Service Authorization Reference.", value.Location, statement);
            return;
        }

        if (run.Catalog.ExpandActions(text).Count == 0)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.UnknownAction, $"\"{text}\" matches no action of {service.Name}; check the action name.", value.Location, statement);
        }
    }
}
