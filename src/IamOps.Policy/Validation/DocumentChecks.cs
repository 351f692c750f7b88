namespace IamOps.Policy.Validation;

/// <summary>Checks that concern the whole document: Version, variables under old versions, Sids, size.</summary>
internal static class DocumentChecks
{
    public static void Check(ValidationRun run)
    {
        var document = run.Document;
        var version = document.Version;
        if (version is null)
        {
            run.Add(FindingSeverity.Warning, PolicyCheckIds.MissingVersion, "The policy has no Version, so IAM reads it as 2008-10-17 and policy variables stay literal text; add \"Version\": \"2012-10-17\".", new SourceLocation(1, 1));
        }
        else if (version.Text == PolicyDocument.LegacyVersion)
        {
            run.Add(FindingSeverity.Warning, PolicyCheckIds.OldVersion, "Version 2008-10-17 disables policy variables and newer features; use \"2012-10-17\".", version.Location);
        }
        else if (version.Text != PolicyDocument.CurrentVersion)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidVersion, $"\"{version.Text}\" is not a policy version; use \"2012-10-17\" (a date, not today's).", version.Location);
        }

        if (!document.SupportsPolicyVariables)
        {
            CheckLiteralVariables(run);
        }
        else
        {
            CheckMalformedVariables(run);
        }

        var seen = new Dictionary<string, PolicyStatement>(StringComparer.Ordinal);
        foreach (var statement in document.Statements)
        {
            if (statement.Sid is { Text.Length: > 0 } sid)
            {
                if (seen.TryGetValue(sid.Text, out var first))
                {
                    run.Add(FindingSeverity.Error, PolicyCheckIds.DuplicateSid, $"The Sid \"{sid.Text}\" is already used by statement {first.Index}; give each statement its own Sid.", sid.Location, statement);
                }
                else
                {
                    seen[sid.Text] = statement;
                }
            }
        }

        var limit = run.Options.SizeLimit;
        if (document.Size > limit)
        {
            var kind = run.Type == PolicyType.Identity ? $"identity policy attached to a {run.Options.AttachedTo.ToString().ToLowerInvariant()}" : StatementShape.Describe(run.Type);
            run.Add(FindingSeverity.Error, PolicyCheckIds.PolicySizeExceeded, $"The policy is {document.Size} characters (whitespace outside strings not counted); a {kind} may have at most {limit}. Split it or use wildcards to shorten it.", new SourceLocation(1, 1));
        }
    }

    /// <summary>Calls <paramref name="check"/> for every value where a policy variable can stand: resources and condition values.</summary>
    private static void ForEachVariableCarrier(PolicyDocument document, Action<PolicyStatement, PolicyValue> check)
    {
        foreach (var statement in document.Statements)
        {
            ForEach(statement, statement.Resource, check);
            ForEach(statement, statement.NotResource, check);
            foreach (var condition in statement.Conditions)
            {
                ForEach(statement, condition.Values, check);
            }
        }
    }

    private static void ForEach(PolicyStatement statement, PolicyValueList? values, Action<PolicyStatement, PolicyValue> check)
    {
        if (values is null)
        {
            return;
        }

        foreach (var value in values)
        {
            // A '$' is rare, so most values are dismissed with one vectorized scan.
            if (value.Text.IndexOf('$') >= 0)
            {
                check(statement, value);
            }
        }
    }

    private static void CheckLiteralVariables(ValidationRun run)
        => ForEachVariableCarrier(run.Document, (statement, value) =>
        {
            if (value.Text.IndexOf("${", StringComparison.Ordinal) >= 0)
            {
                run.Add(FindingSeverity.Error, PolicyCheckIds.VariableUnsupportedInVersion, $"\"{value.Text}\" has a policy variable, but without \"Version\": \"2012-10-17\" it is literal text; set the Version.", value.Location, statement);
            }
        });

    private static void CheckMalformedVariables(ValidationRun run)
        => ForEachVariableCarrier(run.Document, (statement, value) =>
        {
            var text = value.Text;
            var at = text.IndexOf("${", StringComparison.Ordinal);
            while (at >= 0)
            {
                var close = text.IndexOf('}', at + 2);
                if (close < 0 || close == at + 2 || text.Substring(at + 2, close - at - 2).Trim().Length == 0)
                {
                    run.Add(FindingSeverity.Error, PolicyCheckIds.MalformedVariable, $"\"{text}\" has a policy variable that is empty or lacks its closing brace; write it as ${{aws:username}}.", value.Location, statement);
                    break;
                }

                at = text.IndexOf("${", close + 1, StringComparison.Ordinal);
            }
        });
}
