using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IamOps.Policies;

/// <summary>
/// Reading and writing policy documents as JSON trees, for code that changes part of a policy and must keep every
/// other element exactly as it found it.
/// </summary>
public static class PolicyJson
{
    public const string Version = "2012-10-17";

    // Readable in -WhatIf output; IAM does not count whitespace against its size quotas.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An empty policy: the version and no statements yet.</summary>
    public static JsonObject NewDocument() => new() { ["Version"] = Version, ["Statement"] = new JsonArray() };

    /// <summary>The document as an object; <paramref name="what"/> names it in the error when IAM handed back something unreadable.</summary>
    public static JsonObject Parse(string document, string what)
    {
        try
        {
            if (JsonNode.Parse(document) is JsonObject root)
            {
                return root;
            }
        }
        catch (JsonException)
        {
        }

        throw new IamOpsException("PolicyDocumentUnreadable", FailureKind.InvalidData,
            $"The {what} is not a JSON object, so IamOps cannot merge into it; fix or delete it in the IAM console and run again.", what);
    }

    /// <summary>The Statement element as an array, turning a single statement object into a one-element array.</summary>
    public static JsonArray Statements(JsonObject document)
    {
        switch (document["Statement"])
        {
            case JsonArray array:
                return array;
            case JsonObject single:
                document.Remove("Statement");
                var wrapped = new JsonArray(single);
                document["Statement"] = wrapped;
                return wrapped;
            default:
                var empty = new JsonArray();
                document["Statement"] = empty;
                return empty;
        }
    }

    /// <summary>A string-or-array element's strings (e.g. Action, Resource, a condition's values).</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => new[] { text },
        JsonArray array => array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item?.ToJsonString() ?? string.Empty).ToList(),
        null => Array.Empty<string>(),
        _ => new[] { node.ToJsonString() },
    };

    /// <summary>One value as a string, several as an array: the form IAM's console writes.</summary>
    public static JsonNode StringOrArray(IReadOnlyList<string> values) =>
        values.Count == 1 ? JsonValue.Create(values[0])! : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>The Sid of a statement, or null.</summary>
    public static string? Sid(JsonNode? statement) =>
        statement is JsonObject obj && obj["Sid"] is JsonValue sid && sid.TryGetValue<string>(out var text) ? text : null;

    public static string Write(JsonObject document) => document.ToJsonString(Indented);
}
