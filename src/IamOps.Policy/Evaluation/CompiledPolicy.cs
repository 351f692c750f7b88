using IamOps.Policy.Evaluation;

namespace IamOps.Policy;

/// <summary>A policy document compiled for evaluation: wildcards, ARNs, CIDRs, dates and variables read once.</summary>
public sealed class CompiledPolicy
{
    private CompiledPolicy(string policyId, PolicyDocument document)
    {
        PolicyId = policyId;
        Document = document;
        var variables = document.SupportsPolicyVariables;
        Statements = document.Statements.Select(s => new CompiledStatement(s, variables)).Where(s => s.IsUsable).ToArray();
    }

    /// <summary>The id reported in <see cref="MatchedStatement.PolicyId"/>.</summary>
    public string PolicyId { get; }

    /// <summary>The source document.</summary>
    public PolicyDocument Document { get; }

    internal IReadOnlyList<CompiledStatement> Statements { get; }

    /// <summary>Compiles a parsed document. Statements without a valid Effect or Action never apply, as IAM would reject them.</summary>
    public static CompiledPolicy Compile(PolicyDocument document, string policyId = "policy")
        => new(policyId ?? throw new ArgumentNullException(nameof(policyId)), document ?? throw new ArgumentNullException(nameof(document)));

    /// <summary>Parses and compiles policy JSON; throws <see cref="ArgumentException"/> listing the errors when the JSON is not well formed.</summary>
    public static CompiledPolicy Compile(string json, string policyId = "policy")
    {
        var document = PolicyDocument.Parse(json);
        if (!document.IsWellFormed)
        {
            throw new ArgumentException($"Policy {policyId} cannot be compiled: {string.Join("; ", document.ParseFindings.Select(f => f.ToString()))}", nameof(json));
        }

        return Compile(document, policyId);
    }
}
