using System.Text.Json;
using IamOps.Policy;

namespace IamOps.Tests.Policy;

/// <summary>tests/corpus/invalid-policies.json: documents the validator must report with an Error, shared with the PowerShell and Pester tests.</summary>
public static class InvalidDocumentCorpus
{
    private static readonly Lazy<IReadOnlyList<(string Name, PolicyType Type, string CheckId, string Document)>> All = new(() =>
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "corpus", "invalid-policies.json")));
        return json.RootElement.GetProperty("documents").EnumerateArray()
            .Select(d => (d.GetProperty("name").GetString()!, Enum.Parse<PolicyType>(d.GetProperty("policyType").GetString()!), d.GetProperty("checkId").GetString()!, d.GetProperty("document").GetString()!))
            .ToList();
    });

    public static IReadOnlyList<(string Name, PolicyType Type, string CheckId, string Document)> Documents => All.Value;

    public static IEnumerable<object[]> Names() => Documents.Select(d => new object[] { d.Name });
}
