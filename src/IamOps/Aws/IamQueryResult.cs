using System.Xml;
using System.Xml.Linq;

namespace IamOps.Aws;

/// <summary>
/// The <c>&lt;ActionResult&gt;</c> of an IAM answer: its top-level values by name, and its top-level lists as their
/// <c>member</c> elements. Names are matched by local name, so the IAM namespace (or an emulator without one) is irrelevant.
/// </summary>
internal sealed class IamQueryResult
{
    private static readonly IReadOnlyList<XElement> NoMembers = Array.Empty<XElement>();

    private readonly Dictionary<string, List<XElement>> _lists = new(StringComparer.Ordinal);

    public string? RequestId { get; private set; }

    public bool IsTruncated => string.Equals(Text("IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);

    public string? Marker => Text("Marker");

    /// <summary>The top-level values (everything but the lists), as children of one element.</summary>
    public XElement Fields { get; } = new("Result");

    public XElement? Field(string name) => Fields.Child(name);

    public string? Text(string name) => Fields.Text(name);

    public IReadOnlyList<XElement> List(string name) => _lists.TryGetValue(name, out var members) ? members : NoMembers;

    /// <summary>Reads an IAM success document, one list member at a time, without building the whole tree.</summary>
    public static IamQueryResult Read(Stream stream)
    {
        var result = new IamQueryResult();
        using var reader = XmlReader.Create(stream, ReaderSettings);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || !reader.LocalName.EndsWith("Response", StringComparison.Ordinal))
        {
            throw new XmlException($"Expected an IAM response document, found <{reader.LocalName}>.");
        }

        if (!reader.Read())
        {
            return result;
        }

        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Skip();
            }
            else if (reader.LocalName.EndsWith("Result", StringComparison.Ordinal))
            {
                result.ReadResultElement(reader);
            }
            else if (reader.LocalName == "ResponseMetadata")
            {
                var metadata = (XElement)XNode.ReadFrom(reader);
                result.RequestId = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
            }
            else
            {
                reader.Skip();
            }
        }

        return result;
    }

    internal static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private void ReadResultElement(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                ReadField(reader);
            }
            else
            {
                reader.Skip();
            }
        }

        reader.Read();
    }

    private void ReadField(XmlReader reader)
    {
        var name = reader.LocalName;
        var field = new XElement(name);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            Fields.Add(field);
            return;
        }

        List<XElement>? members = null;
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "member")
            {
                (members ??= new List<XElement>()).Add((XElement)XNode.ReadFrom(reader));
            }
            else
            {
                field.Add(XNode.ReadFrom(reader));
            }
        }

        reader.Read();
        if (members is null)
        {
            Fields.Add(field);
        }
        else
        {
            _lists[name] = members;
        }
    }
}
