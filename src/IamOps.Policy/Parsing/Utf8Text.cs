namespace IamOps.Policy.Parsing;

/// <summary>Byte-level facts about UTF-8 policy text: validity and IAM's size count.</summary>
internal static class Utf8Text
{
    /// <summary>
    /// One pass over the text: returns the offset of the first byte that breaks UTF-8 (or -1) and counts characters
    /// as IAM does for size quotas, where whitespace outside strings is not counted.
    /// </summary>
    public static int Scan(ReadOnlySpan<byte> bytes, out int policySize)
    {
        policySize = 0;
        var inString = false;
        var escaped = false;
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                if (inString)
                {
                    policySize++;
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (b == (byte)'\\')
                    {
                        escaped = true;
                    }
                    else if (b == (byte)'"')
                    {
                        inString = false;
                    }
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    policySize++;
                    inString = b == (byte)'"';
                }

                i++;
                continue;
            }

            policySize++;
            escaped = false;

            int length;
            int minimum;
            if ((b & 0xE0) == 0xC0)
            {
                length = 2;
                minimum = 0x80;
            }
            else if ((b & 0xF0) == 0xE0)
            {
                length = 3;
                minimum = 0x800;
            }
            else if ((b & 0xF8) == 0xF0)
            {
                length = 4;
                minimum = 0x10000;
            }
            else
            {
                return i;
            }

            if (i + length > bytes.Length)
            {
                return i;
            }

            var codePoint = b & (0xFF >> (length + 1));
            for (var k = 1; k < length; k++)
            {
                var next = bytes[i + k];
                if ((next & 0xC0) != 0x80)
                {
                    return i;
                }

                codePoint = (codePoint << 6) | (next & 0x3F);
            }

            // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
            if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            {
                return i;
            }

            i += length;
        }

        return -1;
    }
}
