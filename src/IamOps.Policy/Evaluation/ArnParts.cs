namespace IamOps.Policy.Evaluation;

/// <summary>An ARN split at its first five colons without copying: arn:partition:service:region:account:resource.</summary>
internal readonly struct ArnParts
{
    private readonly int colon1;
    private readonly int colon2;
    private readonly int colon3;
    private readonly int colon4;
    private readonly int colon5;

    public ArnParts(string text)
    {
        Text = text;
        colon1 = colon2 = colon3 = colon4 = colon5 = -1;
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            IsArn = false;
            return;
        }

        colon1 = 3;
        colon2 = text.IndexOf(':', colon1 + 1);
        colon3 = colon2 < 0 ? -1 : text.IndexOf(':', colon2 + 1);
        colon4 = colon3 < 0 ? -1 : text.IndexOf(':', colon3 + 1);
        colon5 = colon4 < 0 ? -1 : text.IndexOf(':', colon4 + 1);
        IsArn = colon5 > 0;
    }

    public string Text { get; }

    /// <summary>True when the text has the six ARN parts.</summary>
    public bool IsArn { get; }

    /// <summary>Part 0 "arn", 1 partition, 2 service, 3 region, 4 account, 5 resource (the rest, colons included).</summary>
    public ReadOnlySpan<char> Part(int index) => index switch
    {
        0 => Text.AsSpan(0, colon1),
        1 => Text.AsSpan(colon1 + 1, colon2 - colon1 - 1),
        2 => Text.AsSpan(colon2 + 1, colon3 - colon2 - 1),
        3 => Text.AsSpan(colon3 + 1, colon4 - colon3 - 1),
        4 => Text.AsSpan(colon4 + 1, colon5 - colon4 - 1),
        _ => Text.AsSpan(colon5 + 1),
    };

    public string PartText(int index) => Part(index).ToString();
}
