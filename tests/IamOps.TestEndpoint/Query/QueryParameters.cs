using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The parameters of a Query-protocol request (form body or query string), with IAM's list encodings.</summary>
internal sealed class QueryParameters
{
    private static readonly Regex BadEscape = new("%(?![0-9A-Fa-f]{2})", RegexOptions.CultureInvariant);
    private readonly Dictionary<string, string> _values;

    private QueryParameters(Dictionary<string, string> values) => _values = values;

    /// <summary>Parses application/x-www-form-urlencoded text; a broken escape is MalformedQueryString.</summary>
    public static QueryParameters Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            if (pair.IndexOf('%') >= 0 && BadEscape.IsMatch(pair))
            {
                throw new ServiceError("MalformedQueryString", 404, "The query string contains a syntax error.");
            }

            var parts = pair.Split(new[] { '=' }, 2);
            values[Decode(parts[0])] = parts.Length > 1 ? Decode(parts[1]) : string.Empty;
        }

        return new QueryParameters(values);
    }

    public static QueryParameters Parse(byte[] body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new ServiceError("MalformedQueryString", 404, "The query string contains a syntax error.");
        }

        return Parse(text);
    }

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>A required parameter; missing is IAM's ValidationError naming the member in camelCase.</summary>
    public string Required(string name) => Get(name) ?? throw ServiceError.Missing(Member(name));

    public int? Int(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ServiceError.Constraint(Member(name), text, "Member must be a number");
    }

    public bool? Bool(string name) => Get(name) switch
    {
        null => null,
        var text when string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) => true,
        var text when string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) => false,
        var text => throw ServiceError.Constraint(Member(name), text, "Member must be a boolean"),
    };

    /// <summary>A list encoded as Name.member.1, Name.member.2, ...</summary>
    public List<string> Members(string name)
    {
        var list = new List<string>();
        for (var i = 1; _values.TryGetValue($"{name}.member.{i}", out var value); i++)
        {
            list.Add(value);
        }

        return list;
    }

    /// <summary>Tags.member.N.Key / Tags.member.N.Value.</summary>
    public List<IamTag> Tags(string name = "Tags")
    {
        var list = new List<IamTag>();
        for (var i = 1; _values.TryGetValue($"{name}.member.{i}.Key", out var key); i++)
        {
            list.Add(new IamTag(key, Get($"{name}.member.{i}.Value") ?? string.Empty));
        }

        return list;
    }

    /// <summary>PolicyArns.member.N.arn, as STS encodes them.</summary>
    public List<string> ArnMembers(string name)
    {
        var list = new List<string>();
        for (var i = 1; _values.TryGetValue($"{name}.member.{i}.arn", out var arn); i++)
        {
            list.Add(arn);
        }

        return list;
    }

    /// <summary>ContextEntries.member.N.ContextKeyName / ContextKeyType / ContextKeyValues.member.M, as the simulation calls take them.</summary>
    public List<SimulationContextEntry> ContextEntries()
    {
        var list = new List<SimulationContextEntry>();
        for (var i = 1; _values.TryGetValue($"ContextEntries.member.{i}.ContextKeyName", out var name); i++)
        {
            list.Add(new SimulationContextEntry
            {
                ContextKeyName = name,
                ContextKeyType = Get($"ContextEntries.member.{i}.ContextKeyType") ?? "string",
                ContextKeyValues = Members($"ContextEntries.member.{i}.ContextKeyValues"),
            });
        }

        return list;
    }

    private static string Member(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
