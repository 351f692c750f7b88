using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>Lint mode: the engine's findings for one document, labelled with where the document came from.</summary>
public static class PolicyLinter
{
    public static IReadOnlyList<PolicyCheckFinding> Lint(SourcedPolicy policy, PolicyValidationOptions options) =>
        PolicyValidator.Validate(policy.Document, options).Select(f => new PolicyCheckFinding
        {
            Severity = f.Severity,
            CheckId = f.CheckId,
            Message = f.Message,
            Statement = f.StatementIndex is { } index ? (f.Sid is null ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : FormattableString.Invariant($"{index} ({f.Sid})")) : null,
            StatementIndex = f.StatementIndex,
            Sid = f.Sid,
            Line = f.Line,
            Column = f.Column,
            Source = policy.Source,
        }).ToList();
}
