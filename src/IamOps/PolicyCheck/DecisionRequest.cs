using System.Text.RegularExpressions;

namespace IamOps.PolicyCheck;

/// <summary>Decide mode's question: these policies, this principal, every action × resource, this context.</summary>
public sealed record DecisionRequest
{
    /// <summary>Used when no principal is given: an IAM user in the documentation's example account.</summary>
    public const string DefaultPrincipalArn = "arn:aws:iam::123456789012:user/PolicyTester";

    private static readonly Regex PrincipalArnPattern = new(
        @"^arn:aws(-[a-z]+)*:(iam::\d{12}:(root|(user|role|group)/[\x21-\x7E]+)|sts::\d{12}:(assumed-role|federated-user)/[\x21-\x7E]+)$",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public string PrincipalArn { get; init; } = DefaultPrincipalArn;

    /// <summary>Returns <paramref name="arn"/> when it names an IAM user, role, group, account root or STS session; throws otherwise.</summary>
    public static string CheckPrincipalArn(string arn) => PrincipalArnPattern.IsMatch(arn)
        ? arn
        : throw new IamOpsException("PrincipalArnInvalid", FailureKind.InvalidArgument,
            $"-PrincipalArn '{arn}' is not the ARN of an IAM principal: use e.g. arn:aws:iam::123456789012:user/alice, arn:aws:iam::123456789012:role/deploy or arn:aws:sts::123456789012:assumed-role/deploy/session.", arn);

    /// <summary>Exact action names (wildcards already expanded by <see cref="ActionExpansion"/>).</summary>
    public IReadOnlyList<string> Actions { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Resources { get; init; } = new[] { "*" };

    /// <summary>Condition keys to their values; a key with several values is multivalued.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Context { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<SourcedPolicy> IdentityPolicies { get; init; } = Array.Empty<SourcedPolicy>();

    public SourcedPolicy? PermissionsBoundary { get; init; }

    public SourcedPolicy? SessionPolicy { get; init; }

    public SourcedPolicy? ResourcePolicy { get; init; }

    /// <summary>One policy per organization level; each level must allow.</summary>
    public IReadOnlyList<SourcedPolicy> ServiceControlPolicies { get; init; } = Array.Empty<SourcedPolicy>();
}
