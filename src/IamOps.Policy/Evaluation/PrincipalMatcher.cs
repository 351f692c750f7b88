namespace IamOps.Policy.Evaluation;

/// <summary>A compiled Principal/NotPrincipal element.</summary>
internal sealed class PrincipalMatcher
{
    private readonly bool everyone;
    private readonly HashSet<string> accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> exact = new(StringComparer.Ordinal);
    private readonly HashSet<string> roles = new(StringComparer.Ordinal);
    private readonly HashSet<string> others = new(StringComparer.OrdinalIgnoreCase);

    public PrincipalMatcher(PolicyPrincipal principal)
    {
        everyone = principal.IsWildcard;
        foreach (var entry in principal.Entries)
        {
            var isAws = string.Equals(entry.Type, "AWS", StringComparison.OrdinalIgnoreCase);
            foreach (var value in entry.Values)
            {
                var text = value.Text;
                if (text == "*")
                {
                    everyone = true;
                }
                else if (!isAws)
                {
                    others.Add(text);
                }
                else if (text.Length == 12 && text.All(char.IsDigit))
                {
                    accounts.Add(text);
                }
                else
                {
                    var arn = new ArnParts(text);
                    var resource = arn.IsArn ? arn.PartText(5) : string.Empty;
                    if (arn.IsArn && resource == "root")
                    {
                        accounts.Add(arn.PartText(4));
                    }
                    else if (arn.IsArn && arn.PartText(2) == "iam" && resource.StartsWith("role/", StringComparison.Ordinal))
                    {
                        roles.Add(text);
                    }
                    else
                    {
                        exact.Add(text);
                    }
                }
            }
        }
    }

    public PrincipalGrant Match(AuthorizationRequest request)
    {
        if (everyone)
        {
            return PrincipalGrant.Direct;
        }

        var facts = request.Principal;
        if (exact.Contains(facts.Arn) || others.Contains(facts.Arn))
        {
            return PrincipalGrant.Direct;
        }

        if (facts.RoleArn is not null && roles.Contains(facts.RoleArn))
        {
            return PrincipalGrant.Role;
        }

        return facts.Account is not null && accounts.Contains(facts.Account) ? PrincipalGrant.Account : PrincipalGrant.None;
    }
}
