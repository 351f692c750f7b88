namespace IamOps.Policy.Evaluation;

/// <summary>The kind of comparison a condition operator makes.</summary>
internal enum OperatorFamily
{
    String,
    StringIgnoreCase,
    StringLike,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}
