using System.Globalization;
using Amazon.Runtime;

namespace IamOps.Aws;

/// <summary>One IAM Query call: the action and its form parameters, in the wire encoding (<c>X.member.N</c>).</summary>
internal sealed class IamQueryRequest : AmazonWebServiceRequest
{
    public IamQueryRequest(string action) => Action = action;

    public string Action { get; }

    public List<KeyValuePair<string, string>> Parameters { get; } = new();

    public IamQueryRequest Add(string name, string? value)
    {
        if (value is not null)
        {
            Parameters.Add(new KeyValuePair<string, string>(name, value));
        }

        return this;
    }

    public IamQueryRequest Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public IamQueryRequest Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds <c>name.member.1</c> ... <c>name.member.N</c>.</summary>
    public IamQueryRequest AddList(string name, IEnumerable<string>? values)
    {
        var index = 0;
        foreach (var value in values ?? Array.Empty<string>())
        {
            Add(Member(name, ++index), value);
        }

        return this;
    }

    /// <summary>Adds <c>Tags.member.N.Key</c> and <c>Tags.member.N.Value</c>.</summary>
    public IamQueryRequest AddTags(string name, IEnumerable<IamTag>? tags)
    {
        var index = 0;
        foreach (var tag in tags ?? Array.Empty<IamTag>())
        {
            var member = Member(name, ++index);
            Add(member + ".Key", tag.Key);
            Add(member + ".Value", tag.Value ?? string.Empty);
        }

        return this;
    }

    public static string Member(string name, int index) => name + ".member." + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same call with another paging marker: each page is a request of its own in the SDK pipeline.</summary>
    public IamQueryRequest WithMarker(string? marker)
    {
        var next = new IamQueryRequest(Action);
        next.Parameters.AddRange(Parameters.Where(p => p.Key != "Marker"));
        return next.Add("Marker", marker);
    }
}
