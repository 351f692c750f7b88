// Deliberate violations of ARCHITECTURE.md's dependency rules, one type per rule (named in ArchitectureTests), plus
// types that keep the rules (named *Allowed*), all under one fixture root. Nothing outside these tests uses them.
#pragma warning disable CA1812, CA1822, IDE0051

namespace IamOps.Tests.Layers.Violations.Aws
{
    /// <summary>A port record: allowed everywhere.</summary>
    internal sealed record PortRecord(string Name);

    /// <summary>An adapter: it names an SDK type, which only the adapter layer may.</summary>
    internal sealed class SdkAdapter
    {
        public Amazon.RegionEndpoint Region { get; } = Amazon.RegionEndpoint.USEast1;
    }
}

namespace IamOps.Tests.Layers.Violations.Connection
{
    internal sealed class AllowedResolver
    {
        public Amazon.RegionEndpoint Resolve(string name) => Amazon.RegionEndpoint.GetBySystemName(name);

        public Aws.PortRecord Port() => new("port");
    }

    internal sealed class ResolverReadingSecrets
    {
        public int Length() => new Secrets.PasswordFromPortType().Length(new Aws.PortRecord("p"));
    }
}

namespace IamOps.Tests.Layers.Violations.Cmdlets
{
    internal sealed class RegionListingCompleter
    {
        public int Count() => Amazon.RegionEndpoint.EnumerableAllRegions.Count();
    }

    internal sealed class AllowedCmdletUsingACapability
    {
        public object Plan() => new Baseline.SdkTypedPlanner();
    }
}

namespace IamOps.Tests.Layers.Violations.Baseline
{
    internal sealed class SdkTypedPlanner
    {
        public string Region(Amazon.RegionEndpoint region) => region.SystemName;
    }

    internal sealed class PlannerWritingToPowerShell
    {
        public object Wrap(object value) => new System.Management.Automation.PSObject(value);
    }

    internal sealed class AllowedPlannerUsingThePorts
    {
        public Aws.PortRecord Plan() => new("x");
    }
}

namespace IamOps.Tests.Layers.Violations.Developers
{
    internal sealed class PlannerCallingACmdlet
    {
        public string Name => nameof(Cmdlets.AllowedCmdletUsingACapability) + new Cmdlets.AllowedCmdletUsingACapability().GetHashCode();
    }
}

namespace IamOps.Tests.Layers.Violations.BucketAccess
{
    internal sealed class AllowedTarget
    {
        public string Arn { get; } = "arn:aws:iam::123456789012:user/a";
    }
}

namespace IamOps.Tests.Layers.Violations.RoleGrant
{
    internal sealed class PlannerReachingSideways
    {
        public string Arn(BucketAccess.AllowedTarget target) => target.Arn;
    }
}

namespace IamOps.Tests.Layers.Violations.Secrets
{
    internal sealed class PasswordFromPortType
    {
        public int Length(Aws.PortRecord policy) => policy.Name.Length;
    }
}

namespace IamOps.Tests.Layers.Violations.Roles
{
    internal sealed class TrustReadingPolicies
    {
        public int Size(Policies.PolicyTextUsingRoles text) => text.Length;
    }

    internal sealed class TrustAsPowerShellObject
    {
        public System.Management.Automation.PSObject Wrap() => new(this);
    }
}

namespace IamOps.Tests.Layers.Violations.Policies
{
    /// <summary>With <see cref="Roles.TrustReadingPolicies"/>: a cycle Roles → Policies → Roles.</summary>
    internal sealed class PolicyTextUsingRoles
    {
        public int Length => new Roles.TrustReadingPolicies().GetHashCode();
    }
}

namespace IamOps.Tests.Layers.Violations.Policy
{
    internal sealed class EngineUsingPolicyText
    {
        public int Length(Policies.PolicyTextUsingRoles text) => text.Length;
    }
}

namespace IamOps.Tests.Layers.Violations.Sandbox
{
    internal interface ISandbox
    {
        Aws.PortRecord Connect();
    }
}

namespace IamOps.Tests.Layers.Violations.Simulator
{
    internal sealed class AllowedSandboxOnThePorts : Sandbox.ISandbox
    {
        public Aws.PortRecord Connect() => new("sandbox");
    }

    internal sealed class AccountUsingSecretsHelper
    {
        public int Length() => new Secrets.PasswordFromPortType().Length(new Aws.PortRecord("p"));
    }

    internal sealed class AccountUsingAnAdapter
    {
        public string Region() => new Aws.SdkAdapter().GetHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

namespace IamOps.Tests.Layers.Violations.Unplaced
{
    internal sealed class FolderOfNoLayer
    {
    }
}
