using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>Checks action syntax and that each action or pattern names something in the catalog.</summary>
internal static class ActionChecks
{
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

        if (!IsActionSyntax(text))
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidAction, $"\"{text}\" is not an action; write service:Action, e.g. \"s3:GetObject\" (wildcards * and ? allowed).", value.Location, statement);
            return;
        }

        var colon = text.IndexOf(':');
        var prefix = text.Substring(0, colon);
        if (run.Type == PolicyType.Trust && !string.Equals(prefix, "sts", StringComparison.OrdinalIgnoreCase))
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.UnsupportedActionInTrustPolicy, $"\"{text}\" cannot be in a trust policy, which only allows STS actions such as sts:AssumeRole, sts:TagSession or sts:AssumeRoleWithWebIdentity; move it to a permissions policy.", value.Location, statement);
            return;
        }

        if (WildcardCharacters.AnyIn(prefix))
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

    /// <summary>service:Name, each side of letters, digits, hyphens and the wildcards * and ?.</summary>
    private static bool IsActionSyntax(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i != colon && !(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '*' or '?'))
            {
                return false;
            }
        }

        return true;
    }
}
