namespace IamOps.Policy.Parsing;

/// <summary>The element names already seen in one JSON object: known ones as bits, unknown ones (rare) in a set.</summary>
internal struct ElementSet
{
    private int knownBits;
    private HashSet<string>? unknown;

    /// <summary>Records an element (index of a known name, or -1 with its text); false when it was already there.</summary>
    public bool Add(int knownIndex, string name)
    {
        if (knownIndex >= 0)
        {
            var bit = 1 << knownIndex;
            var isNew = (knownBits & bit) == 0;
            knownBits |= bit;
            return isNew;
        }

        unknown ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return unknown.Add(name);
    }
}
