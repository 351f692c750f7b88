namespace IamOps.Policy.Evaluation;

/// <summary>One operator/key pair with its values read into the operator's type once, at compile time.</summary>
internal sealed class CompiledCondition
{
    private readonly ConditionOperator op;
    private readonly bool known;
    private readonly WildcardPattern[] strings = Array.Empty<WildcardPattern>();
    private readonly ArnPattern[] arns = Array.Empty<ArnPattern>();
    private readonly double[] numbers = Array.Empty<double>();
    private readonly long[] dates = Array.Empty<long>();
    private readonly IpRange[] ranges = Array.Empty<IpRange>();
    private readonly byte[][] binaries = Array.Empty<byte[]>();
    private readonly bool[] nullExpectations = Array.Empty<bool>();
    private readonly int keyId;

    public CompiledCondition(PolicyCondition condition, bool variables)
    {
        Key = condition.Key;
        keyId = ContextKeyIds.IdOf(condition.Key);
        Signature = string.Join("\u0001", new[] { condition.Operator, condition.Key.ToUpperInvariant(), variables ? "v" : "l" }.Concat(condition.Values.Select(v => v.Text)));
        known = ConditionOperator.TryParse(condition.Operator, out op);
        if (!known)
        {
            return;
        }

        var texts = condition.Values.Select(v => v.Text).ToArray();
        var expand = variables && op.ExpandsVariables;
        switch (op.Family)
        {
            case OperatorFamily.String:
            case OperatorFamily.StringIgnoreCase:
            case OperatorFamily.Bool:
                strings = texts.Select(t => WildcardPattern.Compile(t, wildcards: false, expand)).ToArray();
                break;
            case OperatorFamily.StringLike:
                strings = texts.Select(t => WildcardPattern.Compile(t, wildcards: true, expand)).ToArray();
                break;
            case OperatorFamily.Arn:
                arns = texts.Select(t => ArnPattern.Compile(t, expand)).ToArray();
                break;
            case OperatorFamily.Numeric:
                numbers = texts.Select(t => ConditionValues.TryParseNumber(t, out var n) ? n : double.NaN).Where(n => !double.IsNaN(n)).ToArray();
                break;
            case OperatorFamily.Date:
                dates = texts.Select(t => ConditionValues.TryParseDate(t, out var d) ? (long?)d : null).Where(d => d.HasValue).Select(d => d!.Value).ToArray();
                break;
            case OperatorFamily.IpAddress:
                ranges = texts.Select(t => IpRange.TryParse(t, out var r) ? r : null).Where(r => r is not null).Select(r => r!).ToArray();
                break;
            case OperatorFamily.Binary:
                binaries = texts.Select(t => ConditionValues.TryParseBase64(t, out var b) ? b : null).Where(b => b is not null).Select(b => b!).ToArray();
                break;
            case OperatorFamily.Null:
                nullExpectations = texts.Select(t => string.Equals(t, "true", StringComparison.OrdinalIgnoreCase)).ToArray();
                break;
        }
    }

    public string Key { get; }

    /// <summary>Equal for conditions that always decide alike, so a policy set can decide them once per request.</summary>
    public string Signature { get; }

    /// <summary>True when the key is absent and the operator is not Null (for the simulator's MissingContextValues).</summary>
    public bool ReportsMissing(EvaluationState state) => known && op.Family != OperatorFamily.Null && state.Find(keyId, Key) is null;

    public bool Evaluate(EvaluationState state)
    {
        if (!known)
        {
            // IAM rejects policies with unknown operators; evaluating one as false keeps such a statement inert.
            return false;
        }

        var entry = state.Find(keyId, Key);
        if (op.Family == OperatorFamily.Null)
        {
            var absent = entry is null || entry.Values.Length == 0;
            foreach (var expectAbsent in nullExpectations)
            {
                if (expectAbsent == absent)
                {
                    return true;
                }
            }

            return false;
        }

        if (entry is null || entry.Values.Length == 0)
        {
            return op.Qualifier switch
            {
                SetQualifier.ForAllValues => true,
                SetQualifier.ForAnyValue => false,
                _ => op.IfExists || op.Negated,
            };
        }

        var count = entry.Values.Length;
        switch (op.Qualifier)
        {
            case SetQualifier.ForAnyValue:
                for (var i = 0; i < count; i++)
                {
                    if (ValueResult(entry, i, state))
                    {
                        return true;
                    }
                }

                return false;
            case SetQualifier.ForAllValues:
                for (var i = 0; i < count; i++)
                {
                    if (!ValueResult(entry, i, state))
                    {
                        return false;
                    }
                }

                return true;
            default:
                if (!op.Negated)
                {
                    for (var i = 0; i < count; i++)
                    {
                        if (MatchesAnyPolicyValue(entry, i, state) == true)
                        {
                            return true;
                        }
                    }

                    return false;
                }

                // A negated operator holds when no request value matches any policy value (and all values are readable).
                for (var i = 0; i < count; i++)
                {
                    if (MatchesAnyPolicyValue(entry, i, state) != false)
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    private bool ValueResult(ContextEntry entry, int index, EvaluationState state)
    {
        var matched = MatchesAnyPolicyValue(entry, index, state);
        return op.Negated ? matched == false : matched == true;
    }

    /// <summary>True/false when the request value matches any policy value; null when it cannot be read as the operator's type.</summary>
    private bool? MatchesAnyPolicyValue(ContextEntry entry, int index, EvaluationState state)
    {
        var text = entry.Values[index];
        switch (op.Family)
        {
            case OperatorFamily.String:
            case OperatorFamily.StringLike:
                return AnyString(text, StringComparison.Ordinal, state);
            case OperatorFamily.StringIgnoreCase:
            case OperatorFamily.Bool:
                return AnyString(text, StringComparison.OrdinalIgnoreCase, state);
            case OperatorFamily.Arn:
                var parts = new ArnParts(text);
                foreach (var pattern in arns)
                {
                    if (pattern.IsMatch(parts, state))
                    {
                        return true;
                    }
                }

                return false;
            case OperatorFamily.Numeric:
                return AnyOrdered(entry.Number(index), numbers);
            case OperatorFamily.Date:
                return AnyOrdered(entry.Date(index), dates);
            case OperatorFamily.IpAddress:
                var address = entry.Address(index);
                if (address is null)
                {
                    return null;
                }

                foreach (var range in ranges)
                {
                    if (range.Contains(address))
                    {
                        return true;
                    }
                }

                return false;
            case OperatorFamily.Binary:
                if (!ConditionValues.TryParseBase64(text, out var bytes))
                {
                    return null;
                }

                foreach (var value in binaries)
                {
                    if (value.AsSpan().SequenceEqual(bytes))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Compares a request number or date with each policy value; null when the request value is unreadable.</summary>
    private bool? AnyOrdered<T>(T? requestValue, T[] policyValues)
        where T : struct, IComparable<T>
    {
        if (requestValue is null)
        {
            return null;
        }

        foreach (var value in policyValues)
        {
            if (ConditionValues.Compare(requestValue.Value, value, op.Comparison))
            {
                return true;
            }
        }

        return false;
    }

    private bool AnyString(string text, StringComparison comparison, EvaluationState state)
    {
        foreach (var pattern in strings)
        {
            if (pattern.IsMatch(text.AsSpan(), comparison, state))
            {
                return true;
            }
        }

        return false;
    }
}
