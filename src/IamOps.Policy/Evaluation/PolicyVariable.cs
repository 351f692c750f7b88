namespace IamOps.Policy.Evaluation;

/// <summary>The inside of a <c>${...}</c>: a key and an optional quoted default, as in <c>${aws:PrincipalTag/team, 'none'}</c>.</summary>
internal readonly struct PolicyVariable
{
    private PolicyVariable(string key, string? defaultValue)
    {
        Key = key;
        Default = defaultValue;
    }

    public string Key { get; }

    public string? Default { get; }

    public static PolicyVariable Parse(string inner)
    {
        var comma = inner.IndexOf(',');
        if (comma < 0)
        {
            return new PolicyVariable(inner.Trim(), null);
        }

        var key = inner.Substring(0, comma).Trim();
        var rest = inner.Substring(comma + 1).Trim();
        if (rest.Length >= 2 && rest[0] == '\'' && rest[rest.Length - 1] == '\'')
        {
            rest = rest.Substring(1, rest.Length - 2);
        }

        return new PolicyVariable(key, rest);
    }

    public PatternToken ToToken() => new(PatternTokenKind.Variable, Key, Default);
}
