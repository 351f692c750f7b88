using System.Text;
using System.Text.Json;

namespace IamOps.Policy.Parsing;

/// <summary>Reads policy JSON into the model, keeping positions; every problem becomes a finding.</summary>
internal sealed class PolicyParser
{
    private const int MaxDepth = 64;

    private static readonly string[] TopElements = { "Version", "Id", "Statement" };

    private static readonly string[] StatementElements =
    {
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    };

    private static readonly string[] CommonValues = { "*", "Allow", "Deny", PolicyDocument.CurrentVersion, "true", "false" };
    private static readonly byte[][] CommonValuesUtf8 = CommonValues.Select(Encoding.UTF8.GetBytes).ToArray();
    private static readonly byte[][] TopElementsUtf8 = TopElements.Select(Encoding.UTF8.GetBytes).ToArray();
    private static readonly byte[][] StatementElementsUtf8 = StatementElements.Select(Encoding.UTF8.GetBytes).ToArray();

    private readonly TextPositionMap positions;
    private readonly List<PolicyFinding> findings = new();
    private readonly List<PolicyStatement> statements = new();
    private readonly List<PolicyValue> scratch = new();
    private PolicyValue? version;
    private PolicyValue? id;
    private bool hasStatementElement;

    private PolicyParser(ReadOnlyMemory<byte> text) => positions = new TextPositionMap(text);

    public static PolicyDocument Parse(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        // The UTF-8 copy lives only while parsing, so it comes from the shared pool.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, 0, json.Length, buffer, 0);
            return Parse(new ReadOnlyMemory<byte>(buffer, 0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static PolicyDocument Parse(ReadOnlyMemory<byte> utf8)
    {
        var span = utf8.Span;
        if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF)
        {
            utf8 = utf8.Slice(3);
        }

        var parser = new PolicyParser(utf8);
        var invalidAt = Utf8Text.Scan(utf8.Span, out var size);
        if (invalidAt >= 0)
        {
            parser.Add(FindingSeverity.Error, PolicyCheckIds.InvalidEncoding, $"The byte at offset {invalidAt} is not valid UTF-8; save the policy as UTF-8 text.", parser.positions.At(invalidAt));
            return parser.Build(0, wellFormed: false);
        }

        if (utf8.IsEmpty || IsAllWhitespace(utf8.Span))
        {
            parser.Add(FindingSeverity.Error, PolicyCheckIds.JsonSyntaxError, "The policy is empty; write a JSON object with Version and Statement.", new SourceLocation(1, 1));
            return parser.Build(0, wellFormed: false);
        }

        try
        {
            var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
            parser.ReadDocument(ref reader);
            while (reader.Read())
            {
                // Drains the input so trailing garbage after the object raises a syntax error.
            }
        }
        catch (JsonException ex)
        {
            var location = parser.positions.AtLineAndByte(ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            parser.findings.Clear();
            parser.Add(FindingSeverity.Error, PolicyCheckIds.JsonSyntaxError, $"The policy is not valid JSON ({FirstSentence(ex.Message)}); fix the text at line {location.Line}, column {location.Column}.", location);
            parser.statements.Clear();
            return parser.Build(size, wellFormed: false);
        }

        return parser.Build(size, wellFormed: true);
    }

    private static bool IsAllWhitespace(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message.Substring(0, cut) : message).TrimEnd('.', ' ');
    }

    private PolicyDocument Build(int size, bool wellFormed)
    {
        if (wellFormed && !hasStatementElement)
        {
            Add(FindingSeverity.Error, PolicyCheckIds.MissingStatement, "The policy has no Statement; add \"Statement\": [ { \"Effect\": ..., \"Action\": ..., \"Resource\": ... } ].", new SourceLocation(1, 1));
        }

        return new PolicyDocument(version, id, statements.ToArray(), size, findings.ToArray(), wellFormed, hasStatementElement);
    }

    private void Add(FindingSeverity severity, string checkId, string message, SourceLocation location, int? statement = null, string? sid = null)
        => findings.Add(new PolicyFinding(severity, checkId, message, location, statement, sid));

    private SourceLocation Here(ref Utf8JsonReader reader) => positions.At(reader.TokenStartIndex);

    /// <summary>Reads a property name; exact element names are recognised without allocating a string.</summary>
    private string? ReadElementName(ref Utf8JsonReader reader, string[] known, byte[][] knownUtf8, ref ElementSet seen, out SourceLocation location, int? statement)
    {
        location = Here(ref reader);
        var i = IndexOfRaw(ref reader, knownUtf8);
        if (i >= 0)
        {
            if (seen.Add(i, known[i]))
            {
                return known[i];
            }

            Add(FindingSeverity.Error, PolicyCheckIds.DuplicateElement, $"The element \"{known[i]}\" appears twice in the same object; keep one.", location, statement);
            return null;
        }

        return MatchElement(reader.GetString()!, known, ref seen, location, statement);
    }

    /// <summary>Finds the element an object property names (ignoring case) and reports unknown, duplicate and miscased names.</summary>
    private string? MatchElement(string name, string[] known, ref ElementSet seen, SourceLocation location, int? statement)
    {
        var index = -1;
        for (var i = 0; i < known.Length; i++)
        {
            if (string.Equals(known[i], name, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
                break;
            }
        }

        if (!seen.Add(index, name))
        {
            Add(FindingSeverity.Error, PolicyCheckIds.DuplicateElement, $"The element \"{name}\" appears twice in the same object; keep one.", location, statement);
            return null;
        }

        if (index < 0)
        {
            var expected = string.Join(", ", known);
            Add(FindingSeverity.Error, PolicyCheckIds.UnknownElement, $"\"{name}\" is not a policy element here; use one of {expected}.", location, statement);
            return null;
        }

        var canonical = known[index];
        if (!string.Equals(canonical, name, StringComparison.Ordinal))
        {
            Add(FindingSeverity.Warning, PolicyCheckIds.ElementNameCase, $"Write the element name as \"{canonical}\", not \"{name}\".", location, statement);
        }

        return canonical;
    }

    private void ReadDocument(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Add(FindingSeverity.Error, PolicyCheckIds.InvalidElementType, "A policy document is a JSON object; wrap it in { }.", Here(ref reader));
            reader.Skip();
            hasStatementElement = true;
            return;
        }

        var seen = new ElementSet();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var element = ReadElementName(ref reader, TopElements, TopElementsUtf8, ref seen, out var nameLocation, null);
            reader.Read();
            switch (element)
            {
                case "Version":
                    version = ReadScalarString(ref reader, "Version", nameLocation, null);
                    break;
                case "Id":
                    id = ReadScalarString(ref reader, "Id", nameLocation, null);
                    break;
                case "Statement":
                    ReadStatements(ref reader, nameLocation);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private PolicyValue? ReadScalarString(ref Utf8JsonReader reader, string element, SourceLocation nameLocation, int? statement)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new PolicyValue(ReadString(ref reader), PolicyValueKind.String, Here(ref reader));
        }

        Add(FindingSeverity.Error, PolicyCheckIds.InvalidElementType, $"{element} must be a string; write it in quotes.", nameLocation, statement);
        reader.Skip();
        return null;
    }

    private void ReadStatements(ref Utf8JsonReader reader, SourceLocation nameLocation)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                hasStatementElement = true;
                statements.Add(ReadStatement(ref reader, 0));
                break;
            case JsonTokenType.StartArray:
                hasStatementElement = true;
                if (IsEmptyNext(ref reader))
                {
                    Add(FindingSeverity.Error, PolicyCheckIds.MissingStatement, "Statement is an empty array; add at least one statement.", nameLocation);
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        statements.Add(ReadStatement(ref reader, statements.Count));
                    }
                    else
                    {
                        Add(FindingSeverity.Error, PolicyCheckIds.InvalidElementType, "Each item of Statement must be an object; remove the other values.", Here(ref reader));
                        reader.Skip();
                    }
                }

                break;
            case JsonTokenType.Null:
                Add(FindingSeverity.Error, PolicyCheckIds.MissingStatement, "Statement is null; give it an object or an array of statements.", nameLocation);
                hasStatementElement = true;
                break;
            default:
                Add(FindingSeverity.Error, PolicyCheckIds.InvalidElementType, "Statement must be an object or an array of objects.", nameLocation);
                hasStatementElement = true;
                reader.Skip();
                break;
        }
    }

    /// <summary>Reads a string value, sharing the instances of the most frequent ones.</summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        var common = IndexOfRaw(ref reader, CommonValuesUtf8);
        return common >= 0 ? CommonValues[common] : reader.GetString()!;
    }

    /// <summary>Which of the UTF-8 texts the current token is, comparing raw bytes (unescaped tokens only); -1 when none.</summary>
    private static int IndexOfRaw(ref Utf8JsonReader reader, byte[][] candidates)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return -1;
        }

        var value = reader.ValueSpan;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (value.SequenceEqual(candidates[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsEmptyNext(ref Utf8JsonReader reader)
    {
        var copy = reader;
        return copy.Read() && copy.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject;
    }

    private PolicyStatement ReadStatement(ref Utf8JsonReader reader, int index)
    {
        var location = Here(ref reader);
        var seen = new ElementSet();
        PolicyValue? sid = null, effect = null;
        PolicyPrincipal? principal = null, notPrincipal = null;
        PolicyValueList? action = null, notAction = null, resource = null, notResource = null;
        SourceLocation? conditionLocation = null;
        IReadOnlyList<PolicyCondition> conditions = Array.Empty<PolicyCondition>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var element = ReadElementName(ref reader, StatementElements, StatementElementsUtf8, ref seen, out var nameLocation, index);
            reader.Read();
            switch (element)
            {
                case "Sid":
                    sid = ReadScalarString(ref reader, "Sid", nameLocation, index);
                    break;
                case "Effect":
                    effect = ReadScalarString(ref reader, "Effect", nameLocation, index);
                    break;
                case "Principal":
                    principal = ReadPrincipal(ref reader, "Principal", nameLocation, index);
                    break;
                case "NotPrincipal":
                    notPrincipal = ReadPrincipal(ref reader, "NotPrincipal", nameLocation, index);
                    break;
                case "Action":
                    action = ReadValues(ref reader, "Action", nameLocation, index, stringsOnly: true);
                    break;
                case "NotAction":
                    notAction = ReadValues(ref reader, "NotAction", nameLocation, index, stringsOnly: true);
                    break;
                case "Resource":
                    resource = ReadValues(ref reader, "Resource", nameLocation, index, stringsOnly: true);
                    break;
                case "NotResource":
                    notResource = ReadValues(ref reader, "NotResource", nameLocation, index, stringsOnly: true);
                    break;
                case "Condition":
                    conditionLocation = nameLocation;
                    conditions = ReadConditions(ref reader, nameLocation, index);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new PolicyStatement
        {
            Index = index,
            Location = location,
            Sid = sid,
            Effect = effect,
            Principal = principal,
            NotPrincipal = notPrincipal,
            Action = action,
            NotAction = notAction,
            Resource = resource,
            NotResource = notResource,
            ConditionLocation = conditionLocation,
            Conditions = conditions,
        };
    }

    private PolicyValueList? ReadValues(ref Utf8JsonReader reader, string element, SourceLocation nameLocation, int index, bool stringsOnly, string? detail = null)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            // Value lists are never nested, so one scratch list serves every element.
            scratch.Clear();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var value = ReadScalar(ref reader, element, index, stringsOnly, detail);
                if (value is not null)
                {
                    scratch.Add(value);
                }
            }

            return PolicyValueList.Own(scratch.ToArray(), nameLocation, isArray: true);
        }

        var single = ReadScalar(ref reader, element, index, stringsOnly, detail);
        return single is null ? null : PolicyValueList.Own(new[] { single }, nameLocation, isArray: false);
    }

    private PolicyValue? ReadScalar(ref Utf8JsonReader reader, string element, int index, bool stringsOnly, string? detail)
    {
        var location = Here(ref reader);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new PolicyValue(ReadString(ref reader), PolicyValueKind.String, location);
            case JsonTokenType.Number when !stringsOnly:
                return new PolicyValue(Encoding.UTF8.GetString(reader.ValueSpan.ToArray()), PolicyValueKind.Number, location);
            case JsonTokenType.True when !stringsOnly:
                return new PolicyValue("true", PolicyValueKind.Boolean, location);
            case JsonTokenType.False when !stringsOnly:
                return new PolicyValue("false", PolicyValueKind.Boolean, location);
            default:
                var expected = stringsOnly ? "a string or an array of strings" : "a string, number, boolean or an array of them";
                Add(FindingSeverity.Error, PolicyCheckIds.InvalidElementType, $"{element}{(detail is null ? string.Empty : " " + detail)} must be {expected}; remove the {Describe(reader.TokenType)}.", location, index);
                reader.Skip();
                return null;
        }
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "nested array",
        JsonTokenType.Null => "null",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        _ => "value",
    };

    private PolicyPrincipal? ReadPrincipal(ref Utf8JsonReader reader, string element, SourceLocation nameLocation, int index)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            if (text == "*")
            {
                return new PolicyPrincipal(true, Array.Empty<PrincipalEntry>(), nameLocation);
            }

            Add(FindingSeverity.Error, PolicyCheckIds.InvalidPrincipal, $"{element} must be \"*\" or an object such as {{\"AWS\": \"{text}\"}}.", Here(ref reader), index);
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Add(FindingSeverity.Error, PolicyCheckIds.InvalidElementType, $"{element} must be \"*\" or an object of principal types.", nameLocation, index);
            reader.Skip();
            return null;
        }

        var entries = new List<PrincipalEntry>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var type = reader.GetString()!;
            var typeLocation = Here(ref reader);
            reader.Read();
            if (!seen.Add(type))
            {
                Add(FindingSeverity.Error, PolicyCheckIds.DuplicateElement, $"The principal type \"{type}\" appears twice; merge the values into one array.", typeLocation, index);
            }

            var values = ReadValues(ref reader, element, typeLocation, index, stringsOnly: true, type);
            if (values is not null)
            {
                entries.Add(new PrincipalEntry(type, values));
            }
        }

        return new PolicyPrincipal(false, entries, nameLocation);
    }

    private IReadOnlyList<PolicyCondition> ReadConditions(ref Utf8JsonReader reader, SourceLocation nameLocation, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Add(FindingSeverity.Error, PolicyCheckIds.InvalidElementType, "Condition must be an object of operators, each an object of keys.", nameLocation, index);
            reader.Skip();
            return Array.Empty<PolicyCondition>();
        }

        var conditions = new List<PolicyCondition>();
        var operators = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var op = reader.GetString()!;
            var opLocation = Here(ref reader);
            reader.Read();
            if (!operators.Add(op))
            {
                Add(FindingSeverity.Error, PolicyCheckIds.DuplicateElement, $"The operator \"{op}\" appears twice in Condition; merge its keys into one object.", opLocation, index);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Add(FindingSeverity.Error, PolicyCheckIds.InvalidElementType, $"The operator \"{op}\" must map to an object of condition keys.", opLocation, index);
                reader.Skip();
                continue;
            }

            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var any = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                any = true;
                var key = reader.GetString()!;
                var keyLocation = Here(ref reader);
                reader.Read();
                if (!keys.Add(key))
                {
                    Add(FindingSeverity.Error, PolicyCheckIds.DuplicateElement, $"The condition key \"{key}\" appears twice under {op} (key names ignore case); merge the values.", keyLocation, index);
                }

                var values = ReadValues(ref reader, op, keyLocation, index, stringsOnly: false, key);
                if (values is not null)
                {
                    conditions.Add(new PolicyCondition(op, opLocation, key, values));
                }
            }

            if (!any)
            {
                Add(FindingSeverity.Suggestion, PolicyCheckIds.EmptyValue, $"The operator \"{op}\" has no keys; remove it.", opLocation, index);
            }
        }

        return conditions;
    }
}
