using IamOps.Policy.Parsing;

namespace IamOps.Policy;

/// <summary>A parsed IAM policy document. Parsing never throws: problems become <see cref="ParseFindings"/>.</summary>
public sealed class PolicyDocument
{
    /// <summary>The version that enables policy variables.</summary>
    public const string CurrentVersion = "2012-10-17";

    /// <summary>The old version, under which ${...} is literal text.</summary>
    public const string LegacyVersion = "2008-10-17";

    internal PolicyDocument(PolicyValue? version, PolicyValue? id, IReadOnlyList<PolicyStatement> statements, int size, IReadOnlyList<PolicyFinding> parseFindings, bool isWellFormed, bool hasStatementElement)
    {
        Version = version;
        Id = id;
        Statements = statements;
        Size = size;
        ParseFindings = parseFindings;
        IsWellFormed = isWellFormed;
        HasStatementElement = hasStatementElement;
    }

    /// <summary>The Version element, or null.</summary>
    public PolicyValue? Version { get; }

    /// <summary>The Id element, or null.</summary>
    public PolicyValue? Id { get; }

    /// <summary>The statements (one when Statement was a single object).</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>The size as IAM counts it for quotas: characters, without whitespace outside strings.</summary>
    public int Size { get; }

    /// <summary>Syntax and structure problems met while parsing.</summary>
    public IReadOnlyList<PolicyFinding> ParseFindings { get; }

    /// <summary>False when the text was not valid UTF-8 JSON; then <see cref="Statements"/> is empty.</summary>
    public bool IsWellFormed { get; }

    /// <summary>True when the document had a non-null Statement element.</summary>
    public bool HasStatementElement { get; }

    /// <summary>True when Version is 2012-10-17, the only version where ${...} are policy variables.</summary>
    public bool SupportsPolicyVariables => Version?.Text == CurrentVersion;

    /// <summary>Parses policy JSON text.</summary>
    public static PolicyDocument Parse(string json) => PolicyParser.Parse(json);

    /// <summary>Parses policy JSON given as UTF-8 bytes (a leading byte-order mark is allowed; invalid UTF-8 becomes a finding).</summary>
    public static PolicyDocument Parse(ReadOnlyMemory<byte> utf8Json) => PolicyParser.Parse(utf8Json);

    /// <summary>Writes the document as canonical JSON: fixed element order, Statement always an array, one value unwrapped from its array.</summary>
    public string ToJson(bool indented = false) => PolicyWriter.Write(this, indented);
}
