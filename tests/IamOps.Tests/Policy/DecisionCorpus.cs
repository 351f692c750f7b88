using System.Text.Json;
using IamOps.Policy;

namespace IamOps.Tests.Policy;

/// <summary>Loads the decision cases in DecisionCases/*.json: one file per AWS documentation page, scenarios of policies, cases of requests.</summary>
public static class DecisionCorpus
{
    private static readonly Lazy<IReadOnlyList<DecisionCase>> AllCases = new(Load);

    public static IReadOnlyList<DecisionCase> Cases => AllCases.Value;

    public static IEnumerable<object[]> CaseIds() => Cases.Select(c => new object[] { c.Id });

    public static DecisionCase Find(string id) => Cases.Single(c => c.Id == id);

    private static IReadOnlyList<DecisionCase> Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Policy", "DecisionCases");
        var result = new List<DecisionCase>();
        foreach (var file in Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            var page = root.GetProperty("page").GetString()!;
            var url = root.GetProperty("url").GetString()!;
            foreach (var scenario in root.GetProperty("scenarios").EnumerateArray())
            {
                var name = scenario.GetProperty("name").GetString()!;
                var set = BuildSet(scenario);
                var defaultPrincipal = scenario.TryGetProperty("principal", out var p) ? p.GetString()! : "arn:aws:iam::111122223333:user/alice";
                var index = 0;
                foreach (var item in scenario.GetProperty("cases").EnumerateArray())
                {
                    var context = new RequestContext();
                    if (item.TryGetProperty("context", out var ctx))
                    {
                        foreach (var property in ctx.EnumerateObject())
                        {
                            context.Set(property.Name, property.Value.ValueKind == JsonValueKind.Array
                                ? property.Value.EnumerateArray().Select(v => v.GetString()!).ToArray()
                                : new[] { property.Value.GetString()! });
                        }
                    }

                    var request = new AuthorizationRequest(
                        item.TryGetProperty("principal", out var cp) ? cp.GetString()! : defaultPrincipal,
                        item.GetProperty("action").GetString()!,
                        item.TryGetProperty("resource", out var r) ? r.GetString()! : "*",
                        context);
                    var expected = Enum.Parse<EvaluationDecision>(item.GetProperty("expect").GetString()!);
                    var why = item.GetProperty("why").GetString()!;
                    var missing = item.TryGetProperty("missing", out var m) ? m.EnumerateArray().Select(v => v.GetString()!).ToArray() : null;
                    result.Add(new DecisionCase($"{Path.GetFileNameWithoutExtension(file)} / {name} / {index++}", page, url, set, request, expected, why, missing));
                }
            }
        }

        return result;
    }

    private static PolicySet BuildSet(JsonElement scenario)
    {
        CompiledPolicy Compile(JsonElement element, string id) => CompiledPolicy.Compile(element.GetRawText(), id);
        CompiledPolicy? Optional(string name) => scenario.TryGetProperty(name, out var e) ? Compile(e, name) : null;
        IEnumerable<CompiledPolicy> List(string name) => scenario.TryGetProperty(name, out var e)
            ? e.EnumerateArray().Select((p, i) => Compile(p, $"{name}{i}"))
            : Array.Empty<CompiledPolicy>();
        return new PolicySet(List("identity"), Optional("boundary"), Optional("session"), List("scps"), Optional("resource"));
    }
}
