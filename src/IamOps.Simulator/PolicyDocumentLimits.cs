namespace IamOps.Simulator;

/// <summary>What IAM's API model and quotas say about a policy document beyond its grammar: the characters allowed and the size counted.</summary>
internal static class PolicyDocumentLimits
{
    /// <summary>The characters IAM's API model allows in a policy document: tab, LF, CR and U+0020 to U+00FF.</summary>
    public static void CheckCharacters(string member, string? document)
    {
        if (document is null)
        {
            throw ServiceError.Missing(member);
        }

        IamNameRules.CheckLength(member, document, 1, 131072);
        foreach (var c in document)
        {
            if (c is not ('\t' or '\n' or '\r') && (c < '\u0020' || c > '\u00FF'))
            {
                throw ServiceError.Constraint(member, document, @"Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+");
            }
        }
    }

    /// <summary>The size IAM counts: every character except whitespace outside string literals (the engine's rule, which the module counts with too).</summary>
    public static int CountedSize(string document) => IamOps.Policy.PolicyTextSize.Count(document);
}
