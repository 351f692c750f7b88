namespace IamOps.Policy;

/// <summary>One scalar of a policy (an action, a resource, a principal, a condition value) and where it was written.</summary>
public sealed class PolicyValue
{
    /// <summary>Creates a value.</summary>
    public PolicyValue(string text, PolicyValueKind kind, SourceLocation location)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Kind = kind;
        Location = location;
    }

    /// <summary>The value as text: strings as written, numbers as their JSON text, booleans as "true"/"false".</summary>
    public string Text { get; }

    /// <summary>The JSON kind it was written as.</summary>
    public PolicyValueKind Kind { get; }

    /// <summary>Where the value starts.</summary>
    public SourceLocation Location { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
