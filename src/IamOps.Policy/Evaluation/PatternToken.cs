namespace IamOps.Policy.Evaluation;

internal readonly struct PatternToken
{
    public static readonly PatternToken Star = new(PatternTokenKind.Star, null, null);
    public static readonly PatternToken Question = new(PatternTokenKind.Question, null, null);

    public PatternToken(PatternTokenKind kind, string? text, string? defaultValue)
    {
        Kind = kind;
        Text = text;
        Default = defaultValue;
        KeyId = kind == PatternTokenKind.Variable && text is not null ? ContextKeyIds.IdOf(text) : -1;
    }

    public PatternTokenKind Kind { get; }

    /// <summary>The literal text, or the variable's key.</summary>
    public string? Text { get; }

    /// <summary>The variable's default value, if it has one.</summary>
    public string? Default { get; }

    /// <summary>For a variable, the number of its key (see <see cref="ContextKeyIds"/>).</summary>
    public int KeyId { get; }

    public static PatternToken ForLiteral(string text) => new(PatternTokenKind.Literal, text, null);
}
