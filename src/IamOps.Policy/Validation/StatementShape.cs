namespace IamOps.Policy.Validation;

/// <summary>Checks the elements of each statement: Sid, Effect, and which of Principal/Action/Resource this policy type needs or forbids.</summary>
internal static class StatementShape
{
    public static void Check(ValidationRun run, PolicyStatement statement)
    {
        CheckSid(run, statement);
        CheckEffect(run, statement);
        CheckPrincipals(run, statement);
        CheckPair(run, statement, statement.Action, statement.NotAction, "Action", PolicyCheckIds.MissingAction, required: true);
        if (run.Type == PolicyType.Trust)
        {
            foreach (var element in new[] { statement.Resource, statement.NotResource })
            {
                if (element is not null)
                {
                    run.Add(FindingSeverity.Error, PolicyCheckIds.MisplacedElement, "A trust policy has no Resource or NotResource: the role is the resource. Remove the element.", element.Location, statement);
                }
            }
        }
        else
        {
            CheckPair(run, statement, statement.Resource, statement.NotResource, "Resource", PolicyCheckIds.MissingResource, required: true);
        }

        if (statement.ConditionLocation is { } conditionAt && statement.Conditions.Count == 0 && !run.Document.ParseFindings.Any(f => f.StatementIndex == statement.Index && f.CheckId == PolicyCheckIds.EmptyValue))
        {
            run.Add(FindingSeverity.Suggestion, PolicyCheckIds.EmptyValue, "Condition is empty; remove it.", conditionAt, statement);
        }
    }

    private static void CheckSid(ValidationRun run, PolicyStatement statement)
    {
        if (statement.Sid is null)
        {
            return;
        }

        var sid = statement.Sid.Text;
        if (sid.Length == 0)
        {
            run.Add(FindingSeverity.Suggestion, PolicyCheckIds.EmptySid, "The Sid is empty; remove it or give the statement a name.", statement.Sid.Location, statement);
        }
        else if (run.Type != PolicyType.Resource && !sid.All(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9'))
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidSid, $"The Sid \"{sid}\" may only contain A-Z, a-z and 0-9; remove the other characters.", statement.Sid.Location, statement);
        }
    }

    private static void CheckEffect(ValidationRun run, PolicyStatement statement)
    {
        if (statement.Effect is null)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.MissingEffect, "The statement has no Effect; add \"Effect\": \"Allow\" or \"Deny\".", statement.Location, statement);
        }
        else if (!statement.IsAllow && !statement.IsDeny)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidEffect, $"Effect \"{statement.Effect.Text}\" is not valid; write exactly \"Allow\" or \"Deny\" (case-sensitive).", statement.Effect.Location, statement);
        }
    }

    private static void CheckPrincipals(ValidationRun run, PolicyStatement statement)
    {
        var type = run.Type;
        var takesPrincipal = type is PolicyType.Resource or PolicyType.Trust or PolicyType.ResourceControl;
        if (!takesPrincipal)
        {
            foreach (var element in new[] { statement.Principal, statement.NotPrincipal })
            {
                if (element is not null)
                {
                    var name = ReferenceEquals(element, statement.Principal) ? "Principal" : "NotPrincipal";
                    run.Add(FindingSeverity.Error, PolicyCheckIds.MisplacedElement, $"{name} is not allowed in a {Describe(type)}: the policy applies to whoever it is attached to. Remove it.", element.Location, statement);
                }
            }

            return;
        }

        if (type is PolicyType.Trust or PolicyType.ResourceControl && statement.NotPrincipal is not null)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.MisplacedElement, $"NotPrincipal is not allowed in a {Describe(type)}; name the principals in Principal.", statement.NotPrincipal.Location, statement);
        }

        if (type == PolicyType.ResourceControl && statement.Principal is { IsOpenToEveryone: false } named)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidPrincipal, "A resource control policy takes only \"Principal\": \"*\"; narrow it with a condition on aws:PrincipalArn or aws:PrincipalOrgID.", named.Location, statement);
        }

        if (statement.Principal is not null && statement.NotPrincipal is not null)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.UnsupportedElementCombination, "A statement takes Principal or NotPrincipal, not both; remove one.", statement.NotPrincipal.Location, statement);
        }
        else if (statement.Principal is null && statement.NotPrincipal is null)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.MissingPrincipal, $"A {Describe(type)} statement needs a Principal; add the principals it applies to.", statement.Location, statement);
        }

        foreach (var element in new[] { statement.Principal, statement.NotPrincipal })
        {
            if (element is not null)
            {
                PrincipalChecks.Check(run, statement, element);
            }
        }
    }

    private static void CheckPair(ValidationRun run, PolicyStatement statement, PolicyValueList? positive, PolicyValueList? negative, string name, string missingId, bool required)
    {
        if (positive is not null && negative is not null)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.UnsupportedElementCombination, $"A statement takes {name} or Not{name}, not both; remove one.", negative.Location, statement);
        }
        else if (required && positive is null && negative is null)
        {
            run.Add(FindingSeverity.Error, missingId, $"The statement has neither {name} nor Not{name}; add \"{name}\".", statement.Location, statement);
        }

        foreach (var list in new[] { positive, negative })
        {
            if (list is { Count: 0 })
            {
                run.Add(FindingSeverity.Suggestion, PolicyCheckIds.EmptyValue, $"{(ReferenceEquals(list, positive) ? name : "Not" + name)} is an empty array, so the statement matches nothing; list values or remove the statement.", list.Location, statement);
            }
        }
    }

    public static string Describe(PolicyType type) => type switch
    {
        PolicyType.Resource => "resource policy",
        PolicyType.Trust => "trust policy",
        PolicyType.ServiceControl => "service control policy",
        PolicyType.PermissionsBoundary => "permissions boundary",
        PolicyType.ResourceControl => "resource control policy",
        _ => "identity policy",
    };
}
