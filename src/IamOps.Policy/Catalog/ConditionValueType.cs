namespace IamOps.Policy;

/// <summary>The value type of a condition key, which decides the operators that fit it.</summary>
public enum ConditionValueType
{
    /// <summary>Text.</summary>
    String,

    /// <summary>An ARN.</summary>
    Arn,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>A number.</summary>
    Numeric,

    /// <summary>An ISO 8601 date or epoch seconds.</summary>
    Date,

    /// <summary>An IPv4 or IPv6 address.</summary>
    IPAddress,

    /// <summary>Base64 bytes.</summary>
    Binary,
}
