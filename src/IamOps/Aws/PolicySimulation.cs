namespace IamOps.Aws;

/// <summary>What SimulatePrincipalPolicy and SimulateCustomPolicy share.</summary>
public abstract record PolicySimulationRequest
{
    public IReadOnlyList<string> ActionNames { get; init; } = Array.Empty<string>();

    /// <summary>Empty means <c>*</c>.</summary>
    public IReadOnlyList<string> ResourceArns { get; init; } = Array.Empty<string>();

    /// <summary>A resource-based policy JSON to include in the evaluation.</summary>
    public string? ResourcePolicy { get; init; }

    public string? ResourceOwner { get; init; }

    public string? CallerArn { get; init; }

    /// <summary>Permissions boundary documents (JSON).</summary>
    public IReadOnlyList<string> PermissionsBoundaryPolicies { get; init; } = Array.Empty<string>();

    public IReadOnlyList<SimulationContextEntry> ContextEntries { get; init; } = Array.Empty<SimulationContextEntry>();

    /// <summary>An EC2 scenario name such as EC2-VPC-InstanceStore; null for none.</summary>
    public string? ResourceHandlingOption { get; init; }
}

/// <summary>The parameters of IAM SimulatePrincipalPolicy: the policies of an existing user, group or role.</summary>
public sealed record SimulatePrincipalPolicyRequest : PolicySimulationRequest
{
    public string PolicySourceArn { get; init; } = string.Empty;

    /// <summary>Extra identity policy documents (JSON) evaluated as if attached.</summary>
    public IReadOnlyList<string> AdditionalPolicies { get; init; } = Array.Empty<string>();
}

/// <summary>The parameters of IAM SimulateCustomPolicy: policy documents given directly.</summary>
public sealed record SimulateCustomPolicyRequest : PolicySimulationRequest
{
    /// <summary>Identity policy documents (JSON); at least one.</summary>
    public IReadOnlyList<string> Policies { get; init; } = Array.Empty<string>();
}

/// <summary>A context key value supplied to the simulator.</summary>
public sealed record SimulationContextEntry
{
    public string ContextKeyName { get; init; } = string.Empty;

    /// <summary>string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date or dateList.</summary>
    public string ContextKeyType { get; init; } = "string";

    public IReadOnlyList<string> ContextKeyValues { get; init; } = Array.Empty<string>();
}

/// <summary>The simulator's verdict.</summary>
public enum SimulationDecision
{
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

/// <summary>A statement that decided a simulation, with its position in its policy.</summary>
public sealed record SimulationMatchedStatement
{
    public string SourcePolicyId { get; init; } = string.Empty;

    /// <summary>user, group, role, aws-managed, user-managed, resource or none.</summary>
    public string SourcePolicyType { get; init; } = string.Empty;

    public int? StartLine { get; init; }

    public int? StartColumn { get; init; }

    public int? EndLine { get; init; }

    public int? EndColumn { get; init; }
}

/// <summary>The outcome of simulating one action on one resource (or on <c>*</c>).</summary>
public sealed record PolicySimulationResult
{
    public string ActionName { get; init; } = string.Empty;

    public string ResourceName { get; init; } = "*";

    public SimulationDecision Decision { get; init; }

    public IReadOnlyList<SimulationMatchedStatement> MatchedStatements { get; init; } = Array.Empty<SimulationMatchedStatement>();

    public IReadOnlyList<string> MissingContextValues { get; init; } = Array.Empty<string>();

    /// <summary>Per policy type (e.g. a resource policy), when IAM reports it separately.</summary>
    public IReadOnlyDictionary<string, SimulationDecision> DecisionDetails { get; init; } = new Dictionary<string, SimulationDecision>();

    /// <summary>Null when no SCP was part of the simulation.</summary>
    public bool? AllowedByOrganizations { get; init; }

    /// <summary>Null when no permissions boundary was part of the simulation.</summary>
    public bool? AllowedByPermissionsBoundary { get; init; }

    /// <summary>Per-resource outcomes, when several resources were simulated for a resource-aware action.</summary>
    public IReadOnlyList<ResourceSimulationResult> ResourceResults { get; init; } = Array.Empty<ResourceSimulationResult>();
}

/// <summary>The outcome for one resource inside a <see cref="PolicySimulationResult"/>.</summary>
public sealed record ResourceSimulationResult
{
    public string ResourceName { get; init; } = string.Empty;

    public SimulationDecision Decision { get; init; }

    public IReadOnlyList<SimulationMatchedStatement> MatchedStatements { get; init; } = Array.Empty<SimulationMatchedStatement>();

    public IReadOnlyList<string> MissingContextValues { get; init; } = Array.Empty<string>();
}
