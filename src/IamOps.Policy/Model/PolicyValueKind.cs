namespace IamOps.Policy;

/// <summary>The JSON kind a policy value was written as.</summary>
public enum PolicyValueKind
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number (kept as its source text).</summary>
    Number,

    /// <summary>A JSON true or false.</summary>
    Boolean,
}
