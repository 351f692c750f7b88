namespace IamOps.Policy.Evaluation;

/// <summary>A glob (<c>*</c>, <c>?</c>) with optional policy variables, compiled once into tokens and matched without allocating.</summary>
internal sealed class WildcardPattern
{
    private static readonly WildcardPattern MatchAllPattern = new("*", new[] { PatternToken.Star }, hasVariables: false, hasWildcards: true);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, WildcardPattern> SharedPatterns = new(StringComparer.Ordinal);

    private readonly PatternToken[] tokens;
    private readonly string source;

    private WildcardPattern(string source, PatternToken[] tokens, bool hasVariables, bool hasWildcards)
    {
        this.source = source;
        this.tokens = tokens;
        IsMatchAll = tokens.Length == 1 && tokens[0].Kind == PatternTokenKind.Star;
        IsExact = !hasVariables && !hasWildcards;
        Literal = IsExact ? (tokens.Length == 0 ? string.Empty : tokens[0].Text!) : null;
    }

    /// <inheritdoc />
    public override string ToString() => source;

    public bool IsMatchAll { get; }

    public bool IsExact { get; }

    /// <summary>The whole text when the pattern has no wildcards or variables.</summary>
    public string? Literal { get; }

    public static WildcardPattern Compile(string pattern, bool wildcards, bool variables)
    {
        if (wildcards && !variables && pattern == "*")
        {
            return MatchAllPattern;
        }

        var tokens = new List<PatternToken>();
        var literal = new System.Text.StringBuilder();
        var hasVariables = false;
        var hasWildcards = false;

        void Flush()
        {
            if (literal.Length > 0)
            {
                tokens.Add(PatternToken.ForLiteral(literal.ToString()));
                literal.Clear();
            }
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (variables && c == '$' && i + 1 < pattern.Length && pattern[i + 1] == '{')
            {
                var close = pattern.IndexOf('}', i + 2);
                if (close > i + 2)
                {
                    var inner = pattern.Substring(i + 2, close - i - 2);
                    if (inner is "*" or "?" or "$")
                    {
                        literal.Append(inner);
                    }
                    else
                    {
                        Flush();
                        tokens.Add(PolicyVariable.Parse(inner).ToToken());
                        hasVariables = true;
                    }

                    i = close;
                    continue;
                }
            }

            if (wildcards && c == '*')
            {
                Flush();
                hasWildcards = true;
                if (tokens.Count == 0 || tokens[tokens.Count - 1].Kind != PatternTokenKind.Star)
                {
                    tokens.Add(PatternToken.Star);
                }

                continue;
            }

            if (wildcards && c == '?')
            {
                Flush();
                hasWildcards = true;
                tokens.Add(PatternToken.Question);
                continue;
            }

            literal.Append(c);
        }

        Flush();
        return new WildcardPattern(pattern, tokens.ToArray(), hasVariables, hasWildcards);
    }

    /// <summary>A pattern with wildcards and no variables, compiled once and shared across calls.</summary>
    public static WildcardPattern CompileShared(string pattern)
    {
        if (SharedPatterns.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        var compiled = Compile(pattern, wildcards: true, variables: false);
        if (SharedPatterns.Count < 16384)
        {
            SharedPatterns.TryAdd(pattern, compiled);
        }

        return compiled;
    }

    /// <summary>Matches text; variables resolve through <paramref name="variables"/> and an unresolved one never matches.</summary>
    public bool IsMatch(ReadOnlySpan<char> text, StringComparison comparison, IVariableResolver? variables = null)
    {
        if (IsMatchAll)
        {
            return true;
        }

        if (Literal is not null)
        {
            return text.Equals(Literal.AsSpan(), comparison);
        }

        var tokenIndex = 0;
        var position = 0;
        var starToken = -1;
        var starPosition = 0;
        while (true)
        {
            if (tokenIndex < tokens.Length)
            {
                var token = tokens[tokenIndex];
                switch (token.Kind)
                {
                    case PatternTokenKind.Star:
                        if (tokenIndex == tokens.Length - 1)
                        {
                            return true;
                        }

                        starToken = tokenIndex;
                        starPosition = position;
                        tokenIndex++;
                        continue;
                    case PatternTokenKind.Question:
                        if (position < text.Length)
                        {
                            position++;
                            tokenIndex++;
                            continue;
                        }

                        break;
                    default:
                        var piece = token.Kind == PatternTokenKind.Literal ? token.Text : variables?.ResolveVariable(token) ?? token.Default;
                        if (piece is null)
                        {
                            return false;
                        }

                        if (text.Slice(position).StartsWith(piece.AsSpan(), comparison))
                        {
                            position += piece.Length;
                            tokenIndex++;
                            continue;
                        }

                        break;
                }
            }
            else if (position == text.Length)
            {
                return true;
            }

            if (starToken < 0 || starPosition >= text.Length)
            {
                return false;
            }

            // Let the last star swallow one more character and retry the rest.
            starPosition++;
            position = starPosition;
            tokenIndex = starToken + 1;
        }
    }
}
