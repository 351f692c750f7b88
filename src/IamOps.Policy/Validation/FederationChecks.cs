using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>
/// Checks trust statements that federate a well-known CI provider (GitHub Actions, GitLab, Azure DevOps): without a
/// <c>sub</c> condition naming the repository, or with one matching every repository, any pipeline anywhere gets the role.
/// </summary>
internal static class FederationChecks
{
    public static void Check(ValidationRun run, PolicyStatement statement)
    {
        if (!statement.IsAllow || statement.Principal is null)
        {
            return;
        }

        foreach (var entry in statement.Principal.Entries)
        {
            if (entry.Type != "Federated")
            {
                continue;
            }

            foreach (var value in entry.Values)
            {
                var provider = CiProvider.FromFederatedPrincipal(value.Text);
                if (provider is not null)
                {
                    CheckProvider(run, statement, value, provider);
                }
            }
        }
    }

    private static void CheckProvider(ValidationRun run, PolicyStatement statement, PolicyValue principal, CiProvider provider)
    {
        var subKey = provider.Host + ":sub";
        var audKey = provider.Host + ":aud";
        var subjects = Restricting(statement, subKey).ToArray();
        if (subjects.Length == 0)
        {
            run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.FederatedCiWithoutSubject, $"The trust lets every {provider.Name} {provider.Unit} assume the role: it has no {subKey} condition. Add \"StringEquals\": {{\"{subKey}\": \"{provider.Example}\"}} naming the {provider.Unit} (and branch) allowed.", principal.Location, statement);
        }
        else
        {
            foreach (var (condition, op) in subjects)
            {
                foreach (var value in condition.Values)
                {
                    if (MatchesAnyone(value.Text, op, provider))
                    {
                        run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.FederatedCiSubjectTooBroad, $"{condition.Operator} {condition.Key} \"{value.Text}\" matches every {provider.Name} {provider.Unit}, so anyone's pipeline can assume the role; name the {provider.Unit}, e.g. \"StringEquals\": {{\"{subKey}\": \"{provider.Example}\"}}.", value.Location, statement);
                    }
                }
            }
        }

        if (!Restricting(statement, audKey).Any())
        {
            run.Add(FindingSeverity.Warning, PolicyCheckIds.FederatedCiWithoutAudience, $"The trust has no {audKey} condition, so a {provider.Name} token minted for another audience is accepted; add \"StringEquals\": {{\"{audKey}\": \"{provider.Audience}\"}}.", principal.Location, statement);
        }
    }

    /// <summary>The positive string conditions on the key: the ones that narrow who gets in.</summary>
    private static IEnumerable<(PolicyCondition Condition, ConditionOperator Operator)> Restricting(PolicyStatement statement, string key)
    {
        foreach (var condition in statement.Conditions)
        {
            if (string.Equals(condition.Key, key, StringComparison.OrdinalIgnoreCase)
                && ConditionOperator.TryParse(condition.Operator, out var op)
                && !op.Negated
                && op.Family is OperatorFamily.String or OperatorFamily.StringIgnoreCase or OperatorFamily.StringLike)
            {
                yield return (condition, op);
            }
        }
    }

    private static bool MatchesAnyone(string pattern, ConditionOperator op, CiProvider provider)
    {
        var comparison = op.Family == OperatorFamily.StringIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var probe in provider.StrangerSubjects)
        {
            var matches = op.Family == OperatorFamily.StringLike
                ? WildcardPattern.CompileShared(pattern).IsMatch(probe.AsSpan(), comparison)
                : string.Equals(pattern, probe, comparison);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A well-known CI issuer: how its subjects look, and subjects of a stranger's pipeline no narrow condition matches.</summary>
    private sealed class CiProvider
    {
        private const string Stranger = "zz-stranger-7f3a";

        private CiProvider(string host, string name, string unit, string example, string audience, string[] strangerSubjects)
        {
            Host = host;
            Name = name;
            Unit = unit;
            Example = example;
            Audience = audience;
            StrangerSubjects = strangerSubjects;
        }

        public string Host { get; }

        public string Name { get; }

        public string Unit { get; }

        public string Example { get; }

        public string Audience { get; }

        public string[] StrangerSubjects { get; }

        public static CiProvider? FromFederatedPrincipal(string principal)
        {
            const string Marker = ":oidc-provider/";
            var at = principal.IndexOf(Marker, StringComparison.Ordinal);
            var host = at >= 0 ? principal.Substring(at + Marker.Length) : principal;
            var hostName = host.Split('/')[0].ToLowerInvariant();
            if (hostName == "token.actions.githubusercontent.com" || (hostName.StartsWith("token.actions.", StringComparison.Ordinal) && hostName.EndsWith(".ghe.com", StringComparison.Ordinal)))
            {
                return new CiProvider(host, "GitHub", "repository", "repo:<owner>/<repo>:ref:refs/heads/main", "sts.amazonaws.com", new[]
                {
                    $"repo:{Stranger}/{Stranger}:ref:refs/heads/main",
                    $"repo:{Stranger}/{Stranger}:ref:refs/tags/v1",
                    $"repo:{Stranger}/{Stranger}:environment:production",
                    $"repo:{Stranger}/{Stranger}:pull_request",
                });
            }

            if (hostName == "gitlab.com" || hostName.StartsWith("gitlab.", StringComparison.Ordinal))
            {
                return new CiProvider(host, "GitLab", "project", "project_path:<group>/<project>:ref_type:branch:ref:main", "https://" + host, new[]
                {
                    $"project_path:{Stranger}/{Stranger}:ref_type:branch:ref:main",
                    $"project_path:{Stranger}/{Stranger}:ref_type:tag:ref:v1",
                });
            }

            if (hostName == "vstoken.dev.azure.com")
            {
                return new CiProvider(host, "Azure DevOps", "project", "sc://<organization>/<project>/<service connection>", "api://AzureADTokenExchange", new[]
                {
                    $"sc://{Stranger}/{Stranger}/{Stranger}",
                    $"p://{Stranger}/{Stranger}/{Stranger}",
                });
            }

            return null;
        }
    }
}
