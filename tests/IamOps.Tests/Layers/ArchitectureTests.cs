using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using IamOps.Simulator;

namespace IamOps.Tests.Layers;

/// <summary>
/// The shipped assemblies keep ARCHITECTURE.md's dependency rules; and each rule, run on a deliberately violating type
/// in this test assembly (<c>Layers/Violations</c>), fails and names that type, so none passes by matching nothing.
/// </summary>
public sealed class ArchitectureTests
{
    private const string ViolationsRoot = "IamOps.Tests.Layers.Violations";

    private static readonly Lazy<Architecture> Shipped = new(() => new ArchLoader()
        .LoadAssemblies(typeof(IamOpsException).Assembly, typeof(IamOps.Policy.PolicySetOptions).Assembly, typeof(SimulatedAccount).Assembly)
        .Build());

    private static readonly Lazy<Architecture> Violations = new(() => new ArchLoader()
        .LoadNamespacesWithinAssembly(typeof(ArchitectureTests).Assembly, ViolationsRoot)
        .Build());

    public static TheoryData<string> Rules => new(DependencyRules.Names);

    /// <summary>Each rule with the fixture types that break it (and only it is asserted here).</summary>
    public static TheoryData<string, string> RulesWithViolations => new()
    {
        { nameof(DependencyRules.NoAmazonTypeOutsideTheAdapterLayer), ViolationsRoot + ".Cmdlets.RegionListingCompleter" },
        { nameof(DependencyRules.NoAmazonTypeOutsideTheAdapterLayer), ViolationsRoot + ".Baseline.SdkTypedPlanner" },
        { nameof(DependencyRules.TheEngineReferencesNothingOfOurs), ViolationsRoot + ".Policy.EngineUsingPolicyText" },
        { nameof(DependencyRules.CapabilitiesNeverReferenceEachOther), ViolationsRoot + ".RoleGrant.PlannerReachingSideways" },
        { nameof(DependencyRules.CapabilitiesHaveNoCmdletOrPowerShellType), ViolationsRoot + ".Baseline.PlannerWritingToPowerShell" },
        { nameof(DependencyRules.CapabilitiesHaveNoCmdletOrPowerShellType), ViolationsRoot + ".Developers.PlannerCallingACmdlet" },
        { nameof(DependencyRules.SecretsHaveNoAwsType), ViolationsRoot + ".Secrets.PasswordFromPortType" },
        { nameof(DependencyRules.NoCycleBetweenNamespaces), ViolationsRoot + ".Policies.PolicyTextUsingRoles" },
        { nameof(DependencyRules.NoCycleBetweenNamespaces), ViolationsRoot + ".Roles.TrustReadingPolicies" },
        { nameof(DependencyRules.TheSimulatorUsesOnlyThePortsAndTheEngine), ViolationsRoot + ".Simulator.AccountUsingSecretsHelper" },
        { nameof(DependencyRules.TheSimulatorUsesOnlyThePortsAndTheEngine), ViolationsRoot + ".Simulator.AccountUsingAnAdapter" },
        { nameof(DependencyRules.EveryNamespaceHasAPlaceInTheLayers), ViolationsRoot + ".Unplaced.FolderOfNoLayer" },
        { nameof(DependencyRules.TheAdapterLayerStandsOnNothingAboveIt), ViolationsRoot + ".Connection.ResolverReadingSecrets" },
        { nameof(DependencyRules.OnlyTheCmdletsUsePowerShell), ViolationsRoot + ".Baseline.PlannerWritingToPowerShell" },
        { nameof(DependencyRules.OnlyTheCmdletsUsePowerShell), ViolationsRoot + ".Roles.TrustAsPowerShellObject" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_shipped_assemblies_keep_the_rule(string rule) =>
        DependencyRules.ByName(rule, "IamOps", Shipped.Value).Check(Shipped.Value);

    [Theory]
    [MemberData(nameof(RulesWithViolations))]
    public void The_rule_fails_on_a_violation_and_names_it(string rule, string violator)
    {
        var failures = DependencyRules.ByName(rule, ViolationsRoot, Violations.Value).Evaluate(Violations.Value).Where(r => !r.Passed).ToList();

        Assert.Contains(failures, f => (f.EvaluatedObjectIdentifier.Identifier + " " + f.Description).Contains(violator, StringComparison.Ordinal));
    }

    [Fact]
    public void The_rules_pass_the_fixture_types_that_keep_them()
    {
        var failures = DependencyRules.Names
            .SelectMany(rule => DependencyRules.ByName(rule, ViolationsRoot, Violations.Value).Evaluate(Violations.Value).Where(r => !r.Passed))
            .Select(f => f.EvaluatedObjectIdentifier.Identifier)
            .ToList();

        Assert.NotEmpty(failures);

        Assert.DoesNotContain(failures, f => f.Contains(".Allowed", StringComparison.Ordinal));
    }
}
