namespace IamOps.Policy.Evaluation;

/// <summary>The glob characters of policies, shared so that scanning for them allocates nothing.</summary>
internal static class WildcardCharacters
{
    private static readonly char[] Characters = { '*', '?' };

    public static bool AnyIn(string text) => text.IndexOfAny(Characters) >= 0;
}
