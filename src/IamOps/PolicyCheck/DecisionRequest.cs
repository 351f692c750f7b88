using System.Text.RegularExpressions;
using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>Decide mode's question: these policies, this principal, every action × resource, this context.</summary>
public sealed record DecisionRequest
{
    /// <summary>The user that stands for the caller when no principal is given, in the resource's account (else 123456789012).</summary>
    public const string DefaultPrincipalName = "PolicyTester";

    /// <summary>The default principal when the resource names no account: an IAM user in the documentation's example account.</summary>
    public const string DefaultPrincipalArn = "arn:aws:iam::123456789012:user/" + DefaultPrincipalName;

    private static readonly Regex PrincipalArnPattern = new(
        @"^(arn:aws(-[a-z]+)*:(iam::\d{12}:(root|(user|role|group)/[\x21-\x7E]+|(oidc|saml)-provider/[\x21-\x7E]+)|sts::\d{12}:(assumed-role|federated-user)/[\x21-\x7E]+)|[a-z0-9-]+(\.[a-z0-9-]+)+)$",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The caller's ARN (or a service principal such as ec2.amazonaws.com); null: <see cref="DefaultPrincipalName"/> in the resource's account.</summary>
    public string? PrincipalArn { get; init; }

    /// <summary>Returns <paramref name="arn"/> when it names an IAM principal, an STS session, an identity provider or a service; throws otherwise.</summary>
    public static string CheckPrincipalArn(string arn) => PrincipalArnPattern.IsMatch(arn)
        ? arn
        : throw new IamOpsException("PrincipalArnInvalid", FailureKind.InvalidArgument,
            $"-PrincipalArn '{arn}' is not the ARN of an IAM principal: use e.g. arn:aws:iam::123456789012:user/alice, arn:aws:iam::123456789012:role/deploy, arn:aws:sts::123456789012:assumed-role/deploy/session or a service principal such as ec2.amazonaws.com.", arn);

    /// <summary>Exact action names (wildcards already expanded by <see cref="ActionExpansion"/>).</summary>
    public IReadOnlyList<string> Actions { get; init; } = Array.Empty<string>();

    /// <summary>Actions that only a * or ? pattern asked for: a resource they do not act on is skipped, not an error.</summary>
    public IReadOnlyCollection<string> PatternActions { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Resources { get; init; } = new[] { "*" };

    /// <summary>Condition keys to their values; a key with several values is multivalued.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Context { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The principal's tags, as aws:PrincipalTag/key unless <see cref="Context"/> gives that key.</summary>
    public IReadOnlyDictionary<string, string> PrincipalTags { get; init; } = new Dictionary<string, string>();

    /// <summary>The resource's account when the resource ARN has none (S3 buckets); null: the ARN's account, else the principal's.</summary>
    public string? ResourceAccount { get; init; }

    /// <summary>Where identity policies are attached, for the size IAM allows them.</summary>
    public IdentityAttachment AttachedTo { get; init; } = IdentityAttachment.Managed;

    public IReadOnlyList<SourcedPolicy> IdentityPolicies { get; init; } = Array.Empty<SourcedPolicy>();

    public SourcedPolicy? PermissionsBoundary { get; init; }

    public SourcedPolicy? SessionPolicy { get; init; }

    /// <summary>The resource's policy; for a role resource without <see cref="TrustPolicy"/>, the role's trust policy.</summary>
    public SourcedPolicy? ResourcePolicy { get; init; }

    /// <summary>The trust policy of the role resources asked about (resources that are not roles use <see cref="ResourcePolicy"/>).</summary>
    public SourcedPolicy? TrustPolicy { get; init; }

    /// <summary>Trust policies read from the account, by role ARN, for role resources <see cref="TrustPolicy"/> does not cover.</summary>
    public IReadOnlyDictionary<string, SourcedPolicy> RoleTrustPolicies { get; init; } = new Dictionary<string, SourcedPolicy>();

    /// <summary>SCPs per organization level, root first: each level must allow; a Deny anywhere wins.</summary>
    public IReadOnlyList<IReadOnlyList<SourcedPolicy>> ServiceControlLevels { get; init; } = Array.Empty<IReadOnlyList<SourcedPolicy>>();

    /// <summary>RCPs per organization level, root first, read like <see cref="ServiceControlLevels"/>.</summary>
    public IReadOnlyList<IReadOnlyList<SourcedPolicy>> ResourceControlLevels { get; init; } = Array.Empty<IReadOnlyList<SourcedPolicy>>();

    /// <summary>Every document of the question with the policy type it is validated as.</summary>
    public IEnumerable<(SourcedPolicy Policy, PolicyType Type)> Documents()
    {
        foreach (var policy in IdentityPolicies)
        {
            yield return (policy, PolicyType.Identity);
        }

        if (PermissionsBoundary is not null)
        {
            yield return (PermissionsBoundary, PolicyType.PermissionsBoundary);
        }

        if (SessionPolicy is not null)
        {
            yield return (SessionPolicy, PolicyType.Identity);
        }

        if (ResourcePolicy is not null)
        {
            var trust = TrustPolicy is null && Resources.Count > 0 && Resources.All(ResourceNames.IsRole);
            yield return (ResourcePolicy, trust ? PolicyType.Trust : PolicyType.Resource);
        }

        if (TrustPolicy is not null)
        {
            yield return (TrustPolicy, PolicyType.Trust);
        }

        foreach (var trust in RoleTrustPolicies.Values)
        {
            yield return (trust, PolicyType.Trust);
        }

        foreach (var policy in ServiceControlLevels.SelectMany(l => l))
        {
            yield return (policy, PolicyType.ServiceControl);
        }

        foreach (var policy in ResourceControlLevels.SelectMany(l => l))
        {
            yield return (policy, PolicyType.ResourceControl);
        }
    }
}
