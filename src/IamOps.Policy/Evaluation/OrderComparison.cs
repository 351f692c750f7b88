namespace IamOps.Policy.Evaluation;

/// <summary>How Numeric and Date operators compare the request value with the policy value.</summary>
internal enum OrderComparison
{
    Equals,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
}
