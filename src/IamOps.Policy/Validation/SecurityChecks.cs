using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>Checks for grants that are too broad: * on *, PassRole on *, Not* with Allow, public principals, and write or permission changes on *.</summary>
internal static class SecurityChecks
{
    public static void Check(ValidationRun run, PolicyStatement statement, StatementActions actions)
    {
        if (!statement.IsAllow)
        {
            return;
        }

        var resourceIsStar = statement.Resource?.ContainsText("*") == true;
        var actionIsStar = statement.Action?.ContainsText("*") == true;
        if (actionIsStar && resourceIsStar)
        {
            run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.AllowAllActionsOnAllResources, "The statement allows every action on every resource (full administrator access); list the actions and resources needed.", statement.Action!.Location, statement);
        }

        if (Covers(statement, "iam:PassRole"))
        {
            if (resourceIsStar)
            {
                run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.PassRoleWithStarInResource, "iam:PassRole on Resource \"*\" lets the caller hand any role to a service; list the role ARNs it may pass and add an iam:PassedToService condition.", statement.Resource!.Location, statement);
            }
            else if (statement.NotResource is not null)
            {
                run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.PassRoleWithNotResource, "iam:PassRole with NotResource allows passing every role not listed; list the role ARNs in Resource instead.", statement.NotResource.Location, statement);
            }
        }

        if (statement.NotAction is not null)
        {
            run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.AllowWithNotAction, "Allow with NotAction allows every other action, including ones AWS adds later; list the allowed actions in Action.", statement.NotAction.Location, statement);
        }

        if (statement.NotResource is not null)
        {
            run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.AllowWithNotResource, "Allow with NotResource allows every other resource, including new ones; list the allowed resources in Resource.", statement.NotResource.Location, statement);
        }

        if (statement.NotPrincipal is not null)
        {
            run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.AllowWithNotPrincipal, "Allow with NotPrincipal grants to everyone not listed, including anonymous users; name the principals in Principal.", statement.NotPrincipal.Location, statement);
        }

        if (run.Type is PolicyType.Resource or PolicyType.Trust && statement.Principal?.IsOpenToEveryone == true && statement.Conditions.Count == 0)
        {
            run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.PublicPrincipalWithoutCondition, $"The {StatementShape.Describe(run.Type)} allows Principal \"*\" without a condition, so anyone can use it; name the principals or add a condition such as aws:PrincipalOrgID or aws:SourceAccount.", statement.Principal.Location, statement);
        }

        if (run.Type == PolicyType.Identity && resourceIsStar && !actionIsStar)
        {
            CheckBroadWrites(run, statement, actions);
        }
    }

    private static void CheckBroadWrites(ValidationRun run, PolicyStatement statement, StatementActions actions)
    {
        // Actions without resource types only ever take "*", so they are not widened by it.
        var scoped = actions.Actions.Where(a => a.ResourceTypes.Count > 0).ToArray();
        var permissions = scoped.Where(a => a.AccessLevel == AccessLevel.PermissionsManagement).Select(a => a.FullName).Distinct().ToArray();
        var writes = scoped.Where(a => a.AccessLevel is AccessLevel.Write or AccessLevel.Tagging).Select(a => a.FullName).Distinct().ToArray();
        if (permissions.Length > 0)
        {
            run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.PermissionsManagementOnAllResources, $"Permissions-management actions on Resource \"*\" ({List(permissions)}) can change who may do what anywhere; scope them to specific resource ARNs.", statement.Resource!.Location, statement);
        }

        if (writes.Length > 0)
        {
            run.Add(FindingSeverity.Warning, PolicyCheckIds.WriteOnAllResources, $"Write actions on Resource \"*\" ({List(writes)}) can change every resource of that type; scope them to specific resource ARNs.", statement.Resource!.Location, statement);
        }
    }

    private static string List(string[] names) => string.Join(", ", names.Take(5)) + (names.Length > 5 ? $" and {names.Length - 5} more" : string.Empty);

    /// <summary>True when the statement's Action (or NotAction, by exclusion) covers the action.</summary>
    internal static bool Covers(PolicyStatement statement, string action)
    {
        if (statement.Action is not null)
        {
            return AnyMatches(statement.Action, action);
        }

        return statement.NotAction is not null && !AnyMatches(statement.NotAction, action);
    }

    private static bool AnyMatches(PolicyValueList patterns, string action)
    {
        foreach (var pattern in patterns)
        {
            if (WildcardPattern.CompileShared(pattern.Text).IsMatch(action.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
