namespace IamOps.Policy.Evaluation;

/// <summary>The glob characters of policies, shared so that scanning for them allocates nothing.</summary>
internal static class WildcardCharacters
{
    private static readonly char[] Characters = { '*', '?' };

    public static bool AnyIn(string text) => text.IndexOfAny(Characters) >= 0;

    /// <summary>True when the first <paramref name="count"/> characters hold a wildcard.</summary>
    public static bool AnyIn(string text, int count) => text.IndexOfAny(Characters, 0, count) >= 0;

    public static bool AnyIn(ReadOnlySpan<char> text) => text.IndexOfAny('*', '?') >= 0;
}
