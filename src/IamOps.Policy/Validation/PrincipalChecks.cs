using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>Checks the principal types and values of Principal/NotPrincipal.</summary>
internal static class PrincipalChecks
{
    private static readonly string[] Types = { "AWS", "Service", "Federated", "CanonicalUser" };

    public static void Check(ValidationRun run, PolicyStatement statement, PolicyPrincipal principal)
    {
        foreach (var entry in principal.Entries)
        {
            var type = Types.FirstOrDefault(t => t == entry.Type);
            if (type is null)
            {
                run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidPrincipal, $"\"{entry.Type}\" is not a principal type; use AWS, Service, Federated or CanonicalUser.", entry.Values.Location, statement);
                continue;
            }

            if (entry.Values.Count == 0)
            {
                run.Add(FindingSeverity.Suggestion, PolicyCheckIds.EmptyValue, $"The principal type {type} has no values; remove it.", entry.Values.Location, statement);
            }

            foreach (var value in entry.Values)
            {
                var problem = type switch
                {
                    "AWS" => AwsProblem(value.Text),
                    "Service" => value.Text.IndexOf('.') > 0 || value.Text == "*" ? null : "a service principal looks like ec2.amazonaws.com",
                    _ => value.Text.Length == 0 ? "the value is empty" : null,
                };
                if (problem is not null)
                {
                    run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidPrincipal, $"The {type} principal \"{value.Text}\" is not valid: {problem}.", value.Location, statement);
                }
            }
        }
    }

    private static string? AwsProblem(string text)
    {
        if (text == "*" || (text.Length == 12 && text.All(char.IsDigit)))
        {
            return null;
        }

        var arn = new ArnParts(text);
        if (!arn.IsArn)
        {
            return "use \"*\", a 12-digit account id, or an IAM/STS principal ARN";
        }

        if (text.IndexOf('*') >= 0 || text.IndexOf('?') >= 0)
        {
            return "wildcards are not allowed in principal ARNs; use \"*\" with an aws:PrincipalArn condition";
        }

        var service = arn.PartText(2);
        var account = arn.PartText(4);
        var resource = arn.PartText(5);
        if (service is not ("iam" or "sts"))
        {
            return "a principal ARN belongs to iam or sts";
        }

        if (!(account.Length == 12 && account.All(char.IsDigit)) && account != "aws")
        {
            return "the account part must be a 12-digit account id";
        }

        var known = service == "iam"
            ? resource == "root" || resource.StartsWith("user/", StringComparison.Ordinal) || resource.StartsWith("role/", StringComparison.Ordinal)
            : resource.StartsWith("assumed-role/", StringComparison.Ordinal) || resource.StartsWith("federated-user/", StringComparison.Ordinal);
        return known ? null : "name root, a user/, role/, assumed-role/ or federated-user/";
    }
}
