using IamOps.Policy.Evaluation;

namespace IamOps.Policy;

/// <summary>A documented ARN format read for matching: its service, its resource part as a glob, and the literal text before the first placeholder.</summary>
internal sealed class ArnFormat
{
    public ArnFormat(string format)
    {
        var arn = new ArnParts(format);
        Service = arn.IsArn ? arn.PartText(2) : string.Empty;
        var resource = arn.IsArn ? arn.PartText(5) : format;
        var placeholder = resource.IndexOf("${", StringComparison.Ordinal);
        LiteralPrefix = placeholder < 0 ? resource : resource.Substring(0, placeholder);
        var glob = new System.Text.StringBuilder();
        for (var i = 0; i < resource.Length; i++)
        {
            if (resource[i] == '$' && i + 1 < resource.Length && resource[i + 1] == '{')
            {
                var close = resource.IndexOf('}', i);
                if (close > 0)
                {
                    glob.Append('*');
                    i = close;
                    continue;
                }
            }

            glob.Append(resource[i]);
        }

        ResourcePattern = WildcardPattern.Compile(glob.ToString(), wildcards: true, variables: false);
    }

    public string Service { get; }

    public string LiteralPrefix { get; }

    public WildcardPattern ResourcePattern { get; }

    /// <summary>True when this format could describe a policy resource (its wildcards and variables may stand for anything).</summary>
    public bool Accepts(ReadOnlySpan<char> service, ReadOnlySpan<char> resource)
    {
        if (!service.Equals(Service.AsSpan(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var open = -1;
        for (var i = 0; i < resource.Length; i++)
        {
            if (resource[i] is '*' or '?' || (resource[i] == '$' && i + 1 < resource.Length && resource[i + 1] == '{'))
            {
                open = i;
                break;
            }
        }

        if (open < 0)
        {
            return ResourcePattern.IsMatch(resource, StringComparison.Ordinal);
        }

        var policyPrefix = resource.Slice(0, open);
        return policyPrefix.StartsWith(LiteralPrefix.AsSpan()) || LiteralPrefix.AsSpan().StartsWith(policyPrefix);
    }
}
