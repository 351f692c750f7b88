namespace IamOps.Policy;

/// <summary>
/// A policy's size as IAM counts it against its quotas, on the text a caller is about to send: every character
/// (UTF-16 unit) except whitespace outside strings. The module's planners and the simulator's quotas count with it.
/// </summary>
public static class PolicyTextSize
{
    /// <summary>The counted size of <paramref name="document"/>.</summary>
    public static int Count(string document)
    {
        var count = 0;
        var inString = false;
        var escaped = false;
        foreach (var c in document)
        {
            if (inString)
            {
                count++;
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                count++;
                inString = c == '"';
            }
        }

        return count;
    }
}
