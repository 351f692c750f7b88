using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Conditions;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace IamOps.Tests.Layers;

/// <summary>
/// ARCHITECTURE.md's allowed dependencies as rules over the namespaces below <c>root</c> ("IamOps" for the shipped
/// assemblies; a fixture root in this test assembly proves each rule can fail).
/// </summary>
internal static class DependencyRules
{
    /// <summary>One folder per chore; they share only what lives below them. Future folders are listed already.</summary>
    public static readonly string[] Capabilities =
        { "Baseline", "Developers", "Offboarding", "BucketAccess", "RoleGrant", "RoleAssume", "PolicyCheck", "Audit", "Federation", "AccountFanOut", "LastAccessed", "LeastPrivilege" };

    /// <summary>The shared domain the capabilities stand on (Organizations: the organization's accounts, which the fan-out takes too).</summary>
    public static readonly string[] SharedDomain = { "Planning", "Roles", "Policies", "Accounts", "Secrets", "Principals", "Completion", "Organizations" };

    /// <summary>Ports and adapters: credential and endpoint resolution (Connection) is part of the adapter layer.</summary>
    public static readonly string[] AdapterLayer = { "Aws", "Connection" };

    /// <summary>The rest of the module: the cmdlets, and the sandbox loader with its port (ISandbox, ISandboxFactory).</summary>
    public static readonly string[] Others = { "Cmdlets", "Sandbox" };

    public const string Engine = "Policy";

    public const string Simulator = "Simulator";

    /// <summary>Every rule by name, for the test that runs each on the shipped code and on its violation.</summary>
    public static IArchRule ByName(string name, string root, Architecture architecture) => name switch
    {
        nameof(NoAmazonTypeOutsideTheAdapterLayer) => NoAmazonTypeOutsideTheAdapterLayer(root),
        nameof(TheEngineReferencesNothingOfOurs) => TheEngineReferencesNothingOfOurs(root),
        nameof(CapabilitiesNeverReferenceEachOther) => CapabilitiesNeverReferenceEachOther(root),
        nameof(CapabilitiesHaveNoCmdletOrPowerShellType) => CapabilitiesHaveNoCmdletOrPowerShellType(root),
        nameof(SecretsHaveNoAwsType) => SecretsHaveNoAwsType(root),
        nameof(NoCycleBetweenNamespaces) => NoCycleBetweenNamespaces(root, architecture),
        nameof(TheSimulatorUsesOnlyThePortsAndTheEngine) => TheSimulatorUsesOnlyThePortsAndTheEngine(root),
        nameof(EveryNamespaceHasAPlaceInTheLayers) => EveryNamespaceHasAPlaceInTheLayers(root),
        nameof(TheAdapterLayerStandsOnNothingAboveIt) => TheAdapterLayerStandsOnNothingAboveIt(root),
        nameof(OnlyTheCmdletsUsePowerShell) => OnlyTheCmdletsUsePowerShell(root),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such rule."),
    };

    public static readonly string[] Names =
    {
        nameof(NoAmazonTypeOutsideTheAdapterLayer), nameof(TheEngineReferencesNothingOfOurs), nameof(CapabilitiesNeverReferenceEachOther),
        nameof(CapabilitiesHaveNoCmdletOrPowerShellType), nameof(SecretsHaveNoAwsType), nameof(NoCycleBetweenNamespaces),
        nameof(TheSimulatorUsesOnlyThePortsAndTheEngine), nameof(EveryNamespaceHasAPlaceInTheLayers),
        nameof(TheAdapterLayerStandsOnNothingAboveIt), nameof(OnlyTheCmdletsUsePowerShell),
    };

    /// <summary>AWSSDK types (Amazon.*) appear only in Aws/ and Connection/: everything else works on our own types.</summary>
    public static IArchRule NoAmazonTypeOutsideTheAdapterLayer(string root) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(root))
            .And().DoNotResideInNamespaceMatching(InOrBelow(Under(root, AdapterLayer)))
            .Should().NotDependOnAny(AmazonTypes())
            .Because("the ports in Aws/ keep SDK types behind them (ARCHITECTURE.md)");

    /// <summary>The policy engine is pure: it names no type of ours outside itself.</summary>
    public static IArchRule TheEngineReferencesNothingOfOurs(string root) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Under(root, Engine)))
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(InOrBelow(root))
                .And().DoNotResideInNamespaceMatching(InOrBelow(Under(root, Engine))))
            .Because("the engine references nothing of ours (ARCHITECTURE.md)");

    /// <summary>No capability names another: what two share lives in the shared domain.</summary>
    public static IArchRule CapabilitiesNeverReferenceEachOther(string root) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Under(root, Capabilities)))
            .Should().FollowCustomCondition(type =>
            {
                var own = CapabilityOf(root, type);
                var others = type.Dependencies.Select(d => d.Target).Select(t => (Type: t, Capability: CapabilityOf(root, t)))
                    .Where(t => t.Capability is not null && t.Capability != own).Select(t => t.Type.FullName).Distinct().ToList();
                return new ConditionResult(type, others.Count == 0, "references another capability: " + string.Join(", ", others));
            }, "reference no other capability")
            .Because("nothing points sideways between capabilities (ARCHITECTURE.md)");

    /// <summary>Capabilities return results; the cmdlets alone speak PowerShell.</summary>
    public static IArchRule CapabilitiesHaveNoCmdletOrPowerShellType(string root) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Under(root, Capabilities)))
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(InOrBelow(Under(root, "Cmdlets")))
                .Or().ResideInNamespaceMatching(InOrBelow("System.Management.Automation")))
            .Because("capabilities hold no PowerShell types (ARCHITECTURE.md)");

    /// <summary>
    /// The ports and adapters (Aws, Connection) are the bottom layer: they name none of the shared domain, capabilities
    /// or cmdlets above them, only each other and the module's base types (IamOpsException, FailureKind).
    /// </summary>
    public static IArchRule TheAdapterLayerStandsOnNothingAboveIt(string root) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Under(root, AdapterLayer)))
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(InOrBelow(root))
                .And().DoNotResideInNamespaceMatching(InOrBelow(Under(root, AdapterLayer)))
                .And().DoNotResideInNamespaceMatching("^" + Regex.Escape(root) + "$"))
            .Because("dependencies point down to the ports, never up from them (ARCHITECTURE.md)");

    /// <summary>PowerShell types (System.Management.Automation) stay in the cmdlets: everything below them is plain .NET.</summary>
    public static IArchRule OnlyTheCmdletsUsePowerShell(string root) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(root))
            .And().DoNotResideInNamespaceMatching(InOrBelow(Under(root, "Cmdlets")))
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(InOrBelow("System.Management.Automation")))
            .Because("thin cmdlets: logic lives in plain classes tested by xunit (ARCHITECTURE.md)");

    /// <summary>Secrets (passwords, TOTP, secret files) stands on its own: no port, adapter or SDK type.</summary>
    public static IArchRule SecretsHaveNoAwsType(string root) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Under(root, "Secrets")))
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(InOrBelow(Under(root, AdapterLayer)))
                .Or().ResideInNamespaceMatching(InOrBelow("Amazon")))
            .Because("Secrets has no AWS types, which keeps Aws → Connection → Secrets free of a cycle (ARCHITECTURE.md)");

    /// <summary>
    /// The folders below the root (shared domain, adapters, capabilities, cmdlets; a folder with its sub-namespaces)
    /// form no cycle: no type depends on a folder that depends back on its own, directly or through others.
    /// </summary>
    public static IArchRule NoCycleBetweenNamespaces(string root, Architecture architecture)
    {
        var graph = new Lazy<Dictionary<string, HashSet<string>>>(() => FolderGraph(root, architecture));
        return Types().That().ResideInNamespaceMatching(InOrBelow(root))
            .Should().FollowCustomCondition(type =>
            {
                var from = FolderOf(root, type);
                var cycles = type.Dependencies.Select(d => FolderOf(root, d.Target)).Where(to => to is not null && to != from).Distinct()
                    .Select(to => PathBetween(graph.Value, to!, from!)).Where(path => path is not null)
                    .Select(path => from + " -> " + string.Join(" -> ", path!)).ToList();
                return new ConditionResult(type, from is null || cycles.Count == 0, "closes the cycle " + string.Join("; ", cycles));
            }, "depend on no folder that depends back on its own")
            .Because("dependencies point one way, down the layers (ARCHITECTURE.md)");
    }

    private static Dictionary<string, HashSet<string>> FolderGraph(string root, Architecture architecture)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in architecture.Types)
        {
            if (FolderOf(root, type) is not { } from)
            {
                continue;
            }

            foreach (var to in type.Dependencies.Select(d => FolderOf(root, d.Target)).Where(to => to is not null && to != from))
            {
                (graph.TryGetValue(from, out var edges) ? edges : graph[from] = new HashSet<string>(StringComparer.Ordinal)).Add(to!);
            }
        }

        return graph;
    }

    /// <summary>The folders from <paramref name="start"/> to <paramref name="goal"/> along dependencies (breadth first), or null.</summary>
    private static List<string>? PathBetween(Dictionary<string, HashSet<string>> graph, string start, string goal)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [start] = null };
        var queue = new Queue<string>(new[] { start });
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            if (at == goal)
            {
                var path = new List<string>();
                for (string? step = at; step is not null; step = previous[step])
                {
                    path.Insert(0, step);
                }

                return path;
            }

            foreach (var next in graph.TryGetValue(at, out var edges) ? edges.OrderBy(e => e, StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (!previous.ContainsKey(next))
                {
                    previous[next] = at;
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>The first namespace segment below the root ("Roles" for IamOps.Roles and its sub-namespaces), or null.</summary>
    private static string? FolderOf(string root, IType type)
    {
        var name = type.Namespace?.FullName;
        if (name is null || !name.StartsWith(root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = name.Substring(root.Length + 1);
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest.Substring(0, dot);
    }

    /// <summary>
    /// The simulator implements the ports (and the sandbox port the module loads it through) and asks the engine;
    /// it uses no adapter, capability, shared-domain helper or cmdlet.
    /// </summary>
    public static IArchRule TheSimulatorUsesOnlyThePortsAndTheEngine(string root) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Under(root, Simulator)))
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(InOrBelow(root))
                .And().DoNotResideInNamespaceMatching(InOrBelow(Under(root, Simulator, Engine, "Aws")))
                .And().DoNotResideInNamespaceMatching("^" + Regex.Escape(root) + "$")
                .And().DoNotHaveFullNameMatching("^" + Regex.Escape(root + ".Sandbox.") + "(ISandbox|ISandboxFactory)$"))
            .AndShould().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(InOrBelow(Under(root, "Aws")))
                .And().DependOnAny(AmazonTypes()))
            .Because("the simulator uses only the ports and the engine (ARCHITECTURE.md)");

    /// <summary>A new folder is placed in a layer (and so under the rules above) before it is used.</summary>
    public static IArchRule EveryNamespaceHasAPlaceInTheLayers(string root) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(root))
            .Should().ResideInNamespaceMatching("^" + Regex.Escape(root) + "$")
            .OrShould().ResideInNamespaceMatching(InOrBelow(Under(root, Capabilities.Concat(SharedDomain).Concat(AdapterLayer).Concat(Others).Concat(new[] { Engine, Simulator }).ToArray())))
            .Because("every folder is a capability, shared domain, adapter layer, cmdlets, the engine or the simulator (ARCHITECTURE.md)");

    private static IObjectProvider<IType> AmazonTypes() => Types(true).That().ResideInNamespaceMatching(InOrBelow("Amazon"));

    private static string? CapabilityOf(string root, IType type) => type.Namespace is null ? null :
        Capabilities.FirstOrDefault(c => Regex.IsMatch(type.Namespace.FullName, InOrBelow(root + "." + c)));

    private static string[] Under(string root, params string[] names) => names.Select(n => root + "." + n).ToArray();

    private static string InOrBelow(params string[] namespaces) => "^(" + string.Join("|", namespaces.Select(Regex.Escape)) + @")(\..+)?$";
}
