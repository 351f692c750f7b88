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
    }

    public PatternTokenKind Kind { get; }

    /// <summary>The literal text, or the variable's key.</summary>
    public string? Text { get; }

    /// <summary>The variable's default value, if it has one.</summary>
    public string? Default { get; }

    public static PatternToken ForLiteral(string text) => new(PatternTokenKind.Literal, text, null);
}
