namespace IamOps.Policy.Parsing;

/// <summary>Turns byte offsets of UTF-8 text into 1-based line/column, in one forward pass for increasing offsets.</summary>
internal sealed class TextPositionMap
{
    private readonly ReadOnlyMemory<byte> text;
    private int cursorOffset;
    private int cursorLine = 1;
    private int cursorColumn = 1;

    public TextPositionMap(ReadOnlyMemory<byte> text) => this.text = text;

    public SourceLocation At(long offset)
    {
        var target = (int)Math.Min(Math.Max(offset, 0), text.Length);
        if (target < cursorOffset)
        {
            // Offsets normally arrive in increasing order; a step back restarts from the top.
            cursorOffset = 0;
            cursorLine = 1;
            cursorColumn = 1;
        }

        var span = text.Span;
        for (var i = cursorOffset; i < target; i++)
        {
            var b = span[i];
            if (b == (byte)'\n')
            {
                cursorLine++;
                cursorColumn = 1;
            }
            else if ((b & 0xC0) != 0x80)
            {
                // Count characters, not UTF-8 continuation bytes.
                cursorColumn++;
            }
        }

        cursorOffset = target;
        return new SourceLocation(cursorLine, cursorColumn);
    }

    public SourceLocation AtLineAndByte(long zeroBasedLine, long zeroBasedBytePosition)
    {
        var span = text.Span;
        var line = 0L;
        var offset = 0;
        while (line < zeroBasedLine && offset < span.Length)
        {
            if (span[offset] == (byte)'\n')
            {
                line++;
            }

            offset++;
        }

        cursorOffset = 0;
        cursorLine = 1;
        cursorColumn = 1;
        return At(offset + zeroBasedBytePosition);
    }
}
