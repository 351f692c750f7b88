using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IamOps.Policy.Parsing;

/// <summary>Writes the model as canonical JSON, so parse → write → parse gives the same document.</summary>
internal static class PolicyWriter
{
    public static string Write(PolicyDocument document, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (document.Version is not null)
            {
                writer.WriteString("Version", document.Version.Text);
            }

            if (document.Id is not null)
            {
                writer.WriteString("Id", document.Id.Text);
            }

            if (document.HasStatementElement)
            {
                writer.WritePropertyName("Statement");
                writer.WriteStartArray();
                foreach (var statement in document.Statements)
                {
                    WriteStatement(writer, statement);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStatement(Utf8JsonWriter writer, PolicyStatement statement)
    {
        writer.WriteStartObject();
        if (statement.Sid is not null)
        {
            writer.WriteString("Sid", statement.Sid.Text);
        }

        if (statement.Effect is not null)
        {
            writer.WriteString("Effect", statement.Effect.Text);
        }

        WritePrincipal(writer, "Principal", statement.Principal);
        WritePrincipal(writer, "NotPrincipal", statement.NotPrincipal);
        WriteValues(writer, "Action", statement.Action);
        WriteValues(writer, "NotAction", statement.NotAction);
        WriteValues(writer, "Resource", statement.Resource);
        WriteValues(writer, "NotResource", statement.NotResource);
        if (statement.ConditionLocation is not null)
        {
            writer.WritePropertyName("Condition");
            writer.WriteStartObject();
            foreach (var group in statement.Conditions.GroupBy(c => c.Operator, StringComparer.Ordinal))
            {
                writer.WritePropertyName(group.Key);
                writer.WriteStartObject();
                foreach (var condition in group)
                {
                    WriteValues(writer, condition.Key, condition.Values);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WritePrincipal(Utf8JsonWriter writer, string name, PolicyPrincipal? principal)
    {
        if (principal is null)
        {
            return;
        }

        if (principal.IsWildcard)
        {
            writer.WriteString(name, "*");
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var entry in principal.Entries)
        {
            WriteValues(writer, entry.Type, entry.Values);
        }

        writer.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter writer, string name, PolicyValueList? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        if (values.Count == 1)
        {
            WriteScalar(writer, values[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var value in values)
        {
            WriteScalar(writer, value);
        }

        writer.WriteEndArray();
    }

    private static void WriteScalar(Utf8JsonWriter writer, PolicyValue value)
    {
        switch (value.Kind)
        {
            case PolicyValueKind.Number:
                writer.WriteRawValue(value.Text, skipInputValidation: false);
                break;
            case PolicyValueKind.Boolean:
                writer.WriteBooleanValue(value.Text == "true");
                break;
            default:
                writer.WriteStringValue(value.Text);
                break;
        }
    }
}
