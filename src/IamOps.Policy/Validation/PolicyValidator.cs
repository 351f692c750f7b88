using IamOps.Policy.Validation;

namespace IamOps.Policy;

/// <summary>Lints policy documents the way IAM Access Analyzer's ValidatePolicy does; never throws for bad input.</summary>
public static class PolicyValidator
{
    /// <summary>Validates a parsed document; the parse findings come first, then the checks in statement order.</summary>
    public static IReadOnlyList<PolicyFinding> Validate(PolicyDocument document, PolicyValidationOptions? options = null)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        var run = new ValidationRun(document, options ?? new PolicyValidationOptions());
        run.AddRange(document.ParseFindings);
        if (!document.IsWellFormed)
        {
            return run.Findings;
        }

        DocumentChecks.Check(run);
        foreach (var statement in document.Statements)
        {
            var actions = StatementActions.For(statement, run.Catalog);
            StatementShape.Check(run, statement);
            ActionChecks.Check(run, statement);
            ResourceChecks.Check(run, statement, actions);
            ConditionChecks.Check(run, statement, actions);
            SecurityChecks.Check(run, statement, actions);
            FederationChecks.Check(run, statement);
            RedundancyChecks.CheckStatement(run, statement);
        }

        RedundancyChecks.CheckStatements(run);
        PrivilegeEscalationChecks.Check(run);
        return run.Findings;
    }

    /// <summary>Parses and validates policy JSON text.</summary>
    public static IReadOnlyList<PolicyFinding> Validate(string json, PolicyValidationOptions? options = null)
        => Validate(PolicyDocument.Parse(json ?? throw new ArgumentNullException(nameof(json))), options);

    /// <summary>Parses and validates policy JSON given as UTF-8 bytes.</summary>
    public static IReadOnlyList<PolicyFinding> Validate(ReadOnlyMemory<byte> utf8Json, PolicyValidationOptions? options = null)
        => Validate(PolicyDocument.Parse(utf8Json), options);
}
