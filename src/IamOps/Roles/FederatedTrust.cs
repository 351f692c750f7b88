using System.Text.RegularExpressions;

namespace IamOps.Roles;

/// <summary>
/// Whom a federated trust lets in: an identity provider (OIDC issuer or SAML provider) and, for OIDC, the audience and
/// subject its tokens must carry. Built only through the factories, which check the form of repositories, projects and
/// service connections offline. StringEquals on sub, StringLike only where a wildcard was asked for.
/// </summary>
public sealed record FederatedTrust
{
    public const string GitHubIssuer = "https://token.actions.githubusercontent.com";
    public const string GitLabIssuer = "https://gitlab.com";
    public const string AzureDevOpsIssuerPrefix = "https://vstoken.dev.azure.com/";
    public const string StsAudience = "sts.amazonaws.com";
    public const string AzureDevOpsAudience = "api://AzureADTokenExchange";
    public const string SamlAudience = "https://signin.aws.amazon.com/saml";

    private static readonly Regex GitHubRepository = new(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex GitLabProject = new(@"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex Guid = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private FederatedTrust()
    {
    }

    /// <summary>OIDC: the issuer URL (https://...); SAML: null.</summary>
    public string? Issuer { get; private init; }

    /// <summary>SAML: the provider ARN; OIDC: null.</summary>
    public string? SamlProviderArn { get; private init; }

    public string Audience { get; private init; } = string.Empty;

    /// <summary>The sub the token must carry (a pattern when <see cref="SubjectIsPattern"/>); null for SAML.</summary>
    public string? Subject { get; private init; }

    public bool SubjectIsPattern { get; private init; }

    /// <summary>What the grant is for, as the result and messages show it (e.g. "GitHub acme/app branch main").</summary>
    public string Description { get; private init; } = string.Empty;

    public bool IsSaml => SamlProviderArn is not null;

    /// <summary>The issuer as IAM names its provider: host and path without https://.</summary>
    public string? IssuerHostPath => Issuer?.Substring("https://".Length).TrimEnd('/');

    public string Action => IsSaml ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";

    public string ProviderArn(string partition, string accountId) => SamlProviderArn ?? $"arn:{partition}:iam::{accountId}:oidc-provider/{IssuerHostPath}";

    /// <summary>StringEquals on aud, StringEquals (StringLike for a pattern) on sub; SAML: StringEquals SAML:aud.</summary>
    public IReadOnlyList<TrustCondition> Conditions() => IsSaml
        ? new[] { new TrustCondition("StringEquals", "SAML:aud", SamlAudience) }
        : new[]
        {
            new TrustCondition("StringEquals", IssuerHostPath + ":aud", Audience),
            new TrustCondition(SubjectIsPattern ? "StringLike" : "StringEquals", IssuerHostPath + ":sub", Subject!),
        };

    /// <summary>A GitHub Actions workflow of <paramref name="repository"/> (owner/repo), on one branch, environment, tag, pull requests, or any ref.</summary>
    public static FederatedTrust GitHub(string repository, string? branch, string? environment, string? tag, bool pullRequest, string? audience)
    {
        var repo = (repository ?? string.Empty).Trim();
        if (!GitHubRepository.IsMatch(repo))
        {
            throw Invalid("GitHubRepositoryInvalid", $"-GitHubRepository '{repository}' is not owner/repository, e.g. acme/app: the owner (user or organization) is required, so that no other owner's repository of that name gets in.", repository);
        }

        var chosen = new[] { branch, environment, tag }.Count(v => !string.IsNullOrWhiteSpace(v)) + (pullRequest ? 1 : 0);
        if (chosen > 1)
        {
            throw Invalid("GitHubRefAmbiguous", "Give at most one of -Branch, -Environment, -Tag and -PullRequest: each is its own kind of GitHub token subject; grant twice for two.", repository);
        }

        var (suffix, what) = !string.IsNullOrWhiteSpace(branch) ? ($"ref:refs/heads/{branch!.Trim()}", $"branch {branch.Trim()}")
            : !string.IsNullOrWhiteSpace(environment) ? ($"environment:{environment!.Trim()}", $"environment {environment.Trim()}")
            : !string.IsNullOrWhiteSpace(tag) ? ($"ref:refs/tags/{tag!.Trim()}", $"tag {tag.Trim()}")
            : pullRequest ? ("pull_request", "pull requests")
            : ("*", "any branch, tag, environment or pull request");
        return Oidc(GitHubIssuer, audience ?? StsAudience, $"repo:{repo}:{suffix}", $"GitHub {repo} {what}", suffix == "*");
    }

    /// <summary>A GitLab CI job of <paramref name="project"/> (group/project, subgroups allowed), on one branch or any ref.</summary>
    public static FederatedTrust GitLab(string project, string? branch, string? issuer, string? audience)
    {
        var path = (project ?? string.Empty).Trim();
        if (!GitLabProject.IsMatch(path))
        {
            throw Invalid("GitLabProjectInvalid", $"-GitLabProject '{project}' is not group/project (subgroups allowed, e.g. acme/platform/app): the group is required.", project);
        }

        var url = string.IsNullOrWhiteSpace(issuer) ? GitLabIssuer : issuer!.Trim().TrimEnd('/');
        var subject = string.IsNullOrWhiteSpace(branch) ? $"project_path:{path}:*" : $"project_path:{path}:ref_type:branch:ref:{branch!.Trim()}";
        return Oidc(url, audience ?? url, subject, $"GitLab {path} {(string.IsNullOrWhiteSpace(branch) ? "any ref" : "branch " + branch!.Trim())}", string.IsNullOrWhiteSpace(branch));
    }

    /// <summary>An Azure DevOps service connection (organization/project/connection) of the organization whose id is the issuer's.</summary>
    public static FederatedTrust AzureDevOps(string serviceConnection, string organizationId, string? audience)
    {
        var parts = (serviceConnection ?? string.Empty).Trim().Split('/');
        if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
        {
            throw Invalid("ServiceConnectionInvalid", $"-AzureDevOpsServiceConnection '{serviceConnection}' is not organization/project/connection, e.g. contoso/web/aws-prod.", serviceConnection);
        }

        var id = (organizationId ?? string.Empty).Trim();
        if (!Guid.IsMatch(id))
        {
            throw Invalid("OrganizationIdInvalid", $"'{organizationId}' is not an Azure DevOps organization id: it is a GUID (the issuer https://vstoken.dev.azure.com/ORGANIZATION-ID shown on the service connection).", organizationId);
        }

        var subject = "sc://" + string.Join("/", parts.Select(p => p.Trim()));
        return Oidc(AzureDevOpsIssuerPrefix + id.ToLowerInvariant(), audience ?? AzureDevOpsAudience, subject, "Azure DevOps " + subject, subject.IndexOfAny(new[] { '*', '?' }) >= 0);
    }

    /// <summary>Any OIDC issuer with a subject as its tokens carry it; * and ? make it a StringLike pattern.</summary>
    public static FederatedTrust Generic(string issuer, string subject, string? audience)
    {
        var sub = (subject ?? string.Empty).Trim();
        if (sub.Length == 0)
        {
            throw Invalid("SubjectMissing", "-Subject is required with -OidcProvider: the sub claim (or pattern) of the tokens to let in.", issuer);
        }

        return Oidc((issuer ?? string.Empty).Trim().TrimEnd('/'), audience ?? StsAudience, sub, $"{issuer} {sub}", sub.IndexOfAny(new[] { '*', '?' }) >= 0);
    }

    /// <summary>Users signing in through a SAML provider (its ARN).</summary>
    public static FederatedTrust Saml(string providerArn)
    {
        var principal = TrustPrincipal.Federated(providerArn);
        if (principal.Value.IndexOf(":saml-provider/", StringComparison.Ordinal) < 0)
        {
            throw Invalid("SamlProviderInvalid", $"-SamlProvider '{providerArn}' is not a SAML provider ARN (arn:aws:iam::123456789012:saml-provider/NAME).", providerArn);
        }

        return new FederatedTrust { SamlProviderArn = principal.Value, Audience = SamlAudience, Description = "SAML " + principal.Value };
    }

    private static FederatedTrust Oidc(string issuer, string audience, string subject, string description, bool pattern)
    {
        if (!issuer.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            || uri.HostNameType != UriHostNameType.Dns || uri.Host.IndexOf('.') < 0 || !uri.IsDefaultPort || issuer.Substring(8).Split('/')[0].Contains(':') || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Invalid("IdentityProviderUrlInvalid", $"'{issuer}' is not an OpenID Connect issuer URL: https://, a host name and an optional path, no port, query or fragment.", issuer);
        }

        return new FederatedTrust { Issuer = issuer, Audience = audience.Trim(), Subject = subject, SubjectIsPattern = pattern, Description = description };
    }

    private static IamOpsException Invalid(string id, string message, object? target) => new(id, FailureKind.InvalidArgument, message, target);
}
