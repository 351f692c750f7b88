using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>Checks Condition blocks: operators, keys, value types and the ForAllValues trap.</summary>
internal static class ConditionChecks
{
    public static void Check(ValidationRun run, PolicyStatement statement, StatementActions actions)
    {
        foreach (var condition in statement.Conditions)
        {
            if (!ConditionOperator.TryParse(condition.Operator, out var op))
            {
                run.Add(FindingSeverity.Error, PolicyCheckIds.UnknownConditionOperator, $"\"{condition.Operator}\" is not a condition operator; use one such as StringEquals, StringLike, ArnLike, IpAddress, DateGreaterThan, Bool or Null (optionally ForAnyValue:/ForAllValues: and IfExists).", condition.OperatorLocation, statement);
                continue;
            }

            if (op.Family == OperatorFamily.Null && op.IfExists)
            {
                run.Add(FindingSeverity.Error, PolicyCheckIds.NullWithIfExists, "Null cannot take IfExists: Null already tests whether the key exists. Use \"Null\".", condition.OperatorLocation, statement);
            }

            if (condition.Values.Count == 0)
            {
                run.Add(FindingSeverity.Suggestion, PolicyCheckIds.EmptyValue, $"The condition {condition.Operator} {condition.Key} has no values, so it never matches; add values or remove it.", condition.Values.Location, statement);
            }

            var key = run.Catalog.FindConditionKey(condition.Key);
            if (key is null)
            {
                run.Add(FindingSeverity.Error, PolicyCheckIds.UnknownConditionKey, $"\"{condition.Key}\" is not a known global or service condition key; check its spelling in the Service Authorization Reference.", condition.Values.Location, statement);
            }
            else
            {
                if (run.Catalog.FindGlobalConditionKey(condition.Key) is null && actions.IsComplete && actions.Actions.Count > 0)
                {
                    if (!actions.Supports(key))
                    {
                        run.Add(FindingSeverity.Warning, PolicyCheckIds.ConditionKeyNotSupportedByAction, $"None of the statement's actions supports \"{condition.Key}\", so the condition never has a value; use a key these actions support or move the condition to the right statement.", condition.Values.Location, statement);
                    }
                }

                CheckKeyType(run, statement, condition, op, key);
            }

            CheckValues(run, statement, condition, op);
        }
    }

    private static void CheckKeyType(ValidationRun run, PolicyStatement statement, PolicyCondition condition, ConditionOperator op, ConditionKeyDefinition key)
    {
        if (op.Qualifier == SetQualifier.ForAllValues && !key.IsMultivalued && statement.IsAllow)
        {
            run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.ForAllValuesWithSingleValuedKey, $"ForAllValues with the single-valued key {condition.Key} is true when the key is missing, so it can allow too much; drop ForAllValues: (or add a Null check).", condition.OperatorLocation, statement);
        }

        var fits = op.Family switch
        {
            OperatorFamily.Null => true,
            OperatorFamily.String or OperatorFamily.StringIgnoreCase or OperatorFamily.StringLike => key.ValueType is ConditionValueType.String or ConditionValueType.Arn,
            OperatorFamily.Arn => key.ValueType is ConditionValueType.Arn or ConditionValueType.String,
            OperatorFamily.Numeric => key.ValueType == ConditionValueType.Numeric,
            OperatorFamily.Date => key.ValueType == ConditionValueType.Date,
            OperatorFamily.Bool => key.ValueType == ConditionValueType.Bool,
            OperatorFamily.IpAddress => key.ValueType == ConditionValueType.IPAddress,
            OperatorFamily.Binary => key.ValueType is ConditionValueType.Binary or ConditionValueType.String,
            _ => true,
        };
        if (!fits)
        {
            run.Add(FindingSeverity.Warning, PolicyCheckIds.OperatorKeyTypeMismatch, $"{condition.Key} holds {key.ValueType} values, which {condition.Operator} does not compare as intended; use a {key.ValueType} operator.", condition.OperatorLocation, statement);
        }
    }

    private static void CheckValues(ValidationRun run, PolicyStatement statement, PolicyCondition condition, ConditionOperator op)
    {
        foreach (var value in condition.Values)
        {
            var text = value.Text;
            var hasVariable = text.IndexOf("${", StringComparison.Ordinal) >= 0;
            if (hasVariable && run.Document.SupportsPolicyVariables && !op.ExpandsVariables)
            {
                run.Add(FindingSeverity.Error, PolicyCheckIds.VariableUnsupportedInElement, $"{condition.Operator} does not replace policy variables; \"{text}\" is compared as written. Use a String or Arn operator or a literal value.", value.Location, statement);
                continue;
            }

            if (hasVariable && run.Document.SupportsPolicyVariables)
            {
                continue;
            }

            string? expected = op.Family switch
            {
                OperatorFamily.Numeric when !ConditionValues.TryParseNumber(text, out _) => "a number",
                OperatorFamily.Date when !ConditionValues.TryParseDate(text, out _) => "an ISO 8601 date (2024-01-31T00:00:00Z) or epoch seconds",
                OperatorFamily.Bool when !ConditionValues.TryParseBool(text, out _) => "true or false",
                OperatorFamily.Null when !ConditionValues.TryParseBool(text, out _) => "true or false",
                OperatorFamily.Binary when !ConditionValues.TryParseBase64(text, out _) => "base64 text",
                OperatorFamily.IpAddress when !IpRange.TryParse(text, out _) => "an IPv4 or IPv6 address or CIDR block (203.0.113.0/24, 2001:db8::/32)",
                OperatorFamily.Arn when text != "*" && !new ArnParts(text).IsArn => "an ARN (arn:partition:service:region:account:resource)",
                _ => null,
            };
            if (expected is not null)
            {
                run.Add(FindingSeverity.Error, PolicyCheckIds.DataTypeMismatch, $"{condition.Operator} needs {expected}, but {condition.Key} has \"{text}\"; fix the value.", value.Location, statement);
            }
            else if (op.Family is OperatorFamily.String or OperatorFamily.StringIgnoreCase && WildcardCharacters.AnyIn(text))
            {
                run.Add(FindingSeverity.Warning, PolicyCheckIds.WildcardWithoutLikeOperator, $"{condition.Operator} compares \"{text}\" literally, so * and ? are not wildcards; use StringLike (or StringNotLike).", value.Location, statement);
            }
        }
    }
}
