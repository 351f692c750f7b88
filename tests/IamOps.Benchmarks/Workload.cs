using System.Text.Json;
using IamOps.Policy;

namespace IamOps.Benchmarks;

/// <summary>
/// A workload file: {"identityPolicies":[...], "requests":[{"principal","action","resource","context"}]}, optionally with
/// "permissionsBoundary", "sessionPolicy", "serviceControlPolicies" and "resourcePolicy". Context values are a string or an array.
/// </summary>
public sealed class Workload
{
    private Workload(PolicySet policies, AuthorizationRequest[] requests, int statementCount)
    {
        Policies = policies;
        Requests = requests;
        StatementCount = statementCount;
    }

    public PolicySet Policies { get; }

    public AuthorizationRequest[] Requests { get; }

    public int StatementCount { get; }

    public static Workload Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        var statements = 0;
        CompiledPolicy Compile(JsonElement element, string id)
        {
            var policy = CompiledPolicy.Compile(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(), id);
            statements += policy.Document.Statements.Count;
            return policy;
        }

        CompiledPolicy? Optional(string name) => root.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? Compile(e, name) : null;
        CompiledPolicy[] List(string name) => root.TryGetProperty(name, out var e) ? e.EnumerateArray().Select((p, i) => Compile(p, $"{name}[{i}]")).ToArray() : Array.Empty<CompiledPolicy>();

        var set = new PolicySet(List("identityPolicies"), Optional("permissionsBoundary"), Optional("sessionPolicy"), List("serviceControlPolicies"), Optional("resourcePolicy"));
        var requests = root.GetProperty("requests").EnumerateArray().Select(ReadRequest).ToArray();
        return new Workload(set, requests, statements);
    }

    private static AuthorizationRequest ReadRequest(JsonElement item)
    {
        var context = new RequestContext();
        if (item.TryGetProperty("context", out var ctx) && ctx.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in ctx.EnumerateObject())
            {
                context.Set(property.Name, property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(Text).ToArray()
                    : new[] { Text(property.Value) });
            }
        }

        return new AuthorizationRequest(
            item.GetProperty("principal").GetString()!,
            item.GetProperty("action").GetString()!,
            item.TryGetProperty("resource", out var resource) ? resource.GetString()! : "*",
            context);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
