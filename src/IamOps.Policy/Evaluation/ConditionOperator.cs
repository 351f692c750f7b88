namespace IamOps.Policy.Evaluation;

/// <summary>A condition operator taken apart: set qualifier, family, comparison, negation and IfExists.</summary>
internal readonly struct ConditionOperator
{
    private static readonly Dictionary<string, (OperatorFamily Family, OrderComparison Comparison, bool Negated)> BaseOperators = new(StringComparer.Ordinal)
    {
        ["StringEquals"] = (OperatorFamily.String, OrderComparison.Equals, false),
        ["StringNotEquals"] = (OperatorFamily.String, OrderComparison.Equals, true),
        ["StringEqualsIgnoreCase"] = (OperatorFamily.StringIgnoreCase, OrderComparison.Equals, false),
        ["StringNotEqualsIgnoreCase"] = (OperatorFamily.StringIgnoreCase, OrderComparison.Equals, true),
        ["StringLike"] = (OperatorFamily.StringLike, OrderComparison.Equals, false),
        ["StringNotLike"] = (OperatorFamily.StringLike, OrderComparison.Equals, true),
        ["NumericEquals"] = (OperatorFamily.Numeric, OrderComparison.Equals, false),
        ["NumericNotEquals"] = (OperatorFamily.Numeric, OrderComparison.Equals, true),
        ["NumericLessThan"] = (OperatorFamily.Numeric, OrderComparison.LessThan, false),
        ["NumericLessThanEquals"] = (OperatorFamily.Numeric, OrderComparison.LessThanEquals, false),
        ["NumericGreaterThan"] = (OperatorFamily.Numeric, OrderComparison.GreaterThan, false),
        ["NumericGreaterThanEquals"] = (OperatorFamily.Numeric, OrderComparison.GreaterThanEquals, false),
        ["DateEquals"] = (OperatorFamily.Date, OrderComparison.Equals, false),
        ["DateNotEquals"] = (OperatorFamily.Date, OrderComparison.Equals, true),
        ["DateLessThan"] = (OperatorFamily.Date, OrderComparison.LessThan, false),
        ["DateLessThanEquals"] = (OperatorFamily.Date, OrderComparison.LessThanEquals, false),
        ["DateGreaterThan"] = (OperatorFamily.Date, OrderComparison.GreaterThan, false),
        ["DateGreaterThanEquals"] = (OperatorFamily.Date, OrderComparison.GreaterThanEquals, false),
        ["Bool"] = (OperatorFamily.Bool, OrderComparison.Equals, false),
        ["BinaryEquals"] = (OperatorFamily.Binary, OrderComparison.Equals, false),
        ["IpAddress"] = (OperatorFamily.IpAddress, OrderComparison.Equals, false),
        ["NotIpAddress"] = (OperatorFamily.IpAddress, OrderComparison.Equals, true),
        ["ArnEquals"] = (OperatorFamily.Arn, OrderComparison.Equals, false),
        ["ArnLike"] = (OperatorFamily.Arn, OrderComparison.Equals, false),
        ["ArnNotEquals"] = (OperatorFamily.Arn, OrderComparison.Equals, true),
        ["ArnNotLike"] = (OperatorFamily.Arn, OrderComparison.Equals, true),
        ["Null"] = (OperatorFamily.Null, OrderComparison.Equals, false),
    };

    private ConditionOperator(SetQualifier qualifier, OperatorFamily family, OrderComparison comparison, bool negated, bool ifExists)
    {
        Qualifier = qualifier;
        Family = family;
        Comparison = comparison;
        Negated = negated;
        IfExists = ifExists;
    }

    public SetQualifier Qualifier { get; }

    public OperatorFamily Family { get; }

    public OrderComparison Comparison { get; }

    public bool Negated { get; }

    public bool IfExists { get; }

    /// <summary>True for the families where ${...} in a value is expanded.</summary>
    public bool ExpandsVariables => Family is OperatorFamily.String or OperatorFamily.StringIgnoreCase or OperatorFamily.StringLike or OperatorFamily.Arn or OperatorFamily.Bool or OperatorFamily.IpAddress;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ConditionOperator?> Parsed = new(StringComparer.Ordinal);

    /// <summary>Reads an operator such as "ForAnyValue:StringNotLikeIfExists"; false when IAM does not know it.</summary>
    public static bool TryParse(string text, out ConditionOperator result)
    {
        if (text is not null && Parsed.TryGetValue(text, out var known))
        {
            result = known.GetValueOrDefault();
            return known.HasValue;
        }

        var ok = TryRead(text!, out result);
        if (text is not null && Parsed.Count < 4096)
        {
            Parsed.TryAdd(text, ok ? result : null);
        }

        return ok;
    }

    private static bool TryRead(string text, out ConditionOperator result)
    {
        result = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var qualifier = SetQualifier.None;
        var rest = text;
        if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAnyValue;
            rest = rest.Substring("ForAnyValue:".Length);
        }
        else if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAllValues;
            rest = rest.Substring("ForAllValues:".Length);
        }

        var ifExists = rest.EndsWith("IfExists", StringComparison.Ordinal) && rest.Length > "IfExists".Length;
        if (ifExists)
        {
            rest = rest.Substring(0, rest.Length - "IfExists".Length);
        }

        if (!BaseOperators.TryGetValue(rest, out var parts))
        {
            return false;
        }

        result = new ConditionOperator(qualifier, parts.Family, parts.Comparison, parts.Negated, ifExists);
        return true;
    }
}
