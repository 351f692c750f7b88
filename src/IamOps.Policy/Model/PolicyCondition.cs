namespace IamOps.Policy;

/// <summary>One operator/key pair of a Condition block with the values OR-ed under it.</summary>
public sealed class PolicyCondition
{
    /// <summary>Creates a condition.</summary>
    public PolicyCondition(string @operator, SourceLocation operatorLocation, string key, PolicyValueList values)
    {
        Operator = @operator ?? throw new ArgumentNullException(nameof(@operator));
        OperatorLocation = operatorLocation;
        Key = key ?? throw new ArgumentNullException(nameof(key));
        Values = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>The operator as written, e.g. "ForAnyValue:StringLikeIfExists".</summary>
    public string Operator { get; }

    /// <summary>Where the operator is written.</summary>
    public SourceLocation OperatorLocation { get; }

    /// <summary>The condition key as written, e.g. "aws:SourceIp".</summary>
    public string Key { get; }

    /// <summary>The values; their location list points at the key.</summary>
    public PolicyValueList Values { get; }
}
