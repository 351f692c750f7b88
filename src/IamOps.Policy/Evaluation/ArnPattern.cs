namespace IamOps.Policy.Evaluation;

/// <summary>A Resource value or Arn* condition value: matched part by part when it is an ARN, else as one case-sensitive glob.</summary>
internal sealed class ArnPattern
{
    private readonly WildcardPattern? whole;
    private readonly WildcardPattern[]? parts;

    private ArnPattern(WildcardPattern? whole, WildcardPattern[]? parts)
    {
        this.whole = whole;
        this.parts = parts;
    }

    public bool IsMatchAll => whole?.IsMatchAll == true;

    public bool HasVariables => whole?.HasVariables ?? parts!.Any(p => p.HasVariables);

    public static ArnPattern Compile(string text, bool variables)
    {
        var arn = new ArnParts(text);
        if (!arn.IsArn)
        {
            return new ArnPattern(WildcardPattern.Compile(text, wildcards: true, variables), null);
        }

        var compiled = new WildcardPattern[6];
        for (var i = 0; i < 6; i++)
        {
            compiled[i] = WildcardPattern.Compile(arn.PartText(i), wildcards: true, variables);
        }

        return new ArnPattern(null, compiled);
    }

    public bool IsMatch(in ArnParts value, IVariableResolver? variables)
    {
        if (whole is not null)
        {
            return whole.IsMatch(value.Text.AsSpan(), StringComparison.Ordinal, variables);
        }

        if (!value.IsArn)
        {
            return false;
        }

        // The resource part is most selective, so it goes first.
        if (!parts![5].IsMatch(value.Part(5), StringComparison.Ordinal, variables))
        {
            return false;
        }

        for (var i = 0; i < 5; i++)
        {
            if (!parts[i].IsMatch(value.Part(i), StringComparison.Ordinal, variables))
            {
                return false;
            }
        }

        return true;
    }
}
