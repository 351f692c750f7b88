using System.Text.RegularExpressions;

namespace IamOps.Federation;

/// <summary>The documented issuer URL and audience of each CI provider a pipeline federates from.</summary>
public static class IdentityProviderPresets
{
    public const string GitHubUrl = "https://token.actions.githubusercontent.com";
    public const string StsAudience = "sts.amazonaws.com";
    public const string GitLabUrl = "https://gitlab.com";
    public const string AzureDevOpsHost = "https://vstoken.dev.azure.com/";
    public const string AzureDevOpsAudience = "api://AzureADTokenExchange";
    private static readonly Regex Guid = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);

    public static IdentityProviderRequest GitHub(IReadOnlyList<string>? clientIds, IReadOnlyList<string>? thumbprints) => new()
    {
        Kind = IdentityProviderKind.Oidc, Url = GitHubUrl, Preset = "GitHub",
        ClientIds = clientIds is { Count: > 0 } ? clientIds : new[] { StsAudience }, Thumbprints = thumbprints ?? Array.Empty<string>(),
    };

    /// <summary>GitLab.com, or a self-managed GitLab at <paramref name="url"/>; the audience is the instance URL, as GitLab's docs configure id_tokens.</summary>
    public static IdentityProviderRequest GitLab(string? url, IReadOnlyList<string>? clientIds, IReadOnlyList<string>? thumbprints)
    {
        var issuer = string.IsNullOrWhiteSpace(url) ? GitLabUrl : url!.Trim().TrimEnd('/');
        return new()
        {
            Kind = IdentityProviderKind.Oidc, Url = issuer, Preset = "GitLab",
            ClientIds = clientIds is { Count: > 0 } ? clientIds : new[] { issuer }, Thumbprints = thumbprints ?? Array.Empty<string>(),
        };
    }

    /// <summary>Azure DevOps workload identity federation: one issuer per organization (its id, a GUID).</summary>
    public static IdentityProviderRequest AzureDevOps(string organizationId, IReadOnlyList<string>? clientIds, IReadOnlyList<string>? thumbprints)
    {
        var id = (organizationId ?? string.Empty).Trim();
        if (!Guid.IsMatch(id))
        {
            throw new IamOpsException("OrganizationIdInvalid", FailureKind.InvalidArgument,
                $"'{organizationId}' is not an Azure DevOps organization id: it is a GUID such as 6c0a8a5e-1f3b-4c8e-9d2a-0123456789ab (Organization settings, or the issuer shown on a service connection).", organizationId);
        }

        return new()
        {
            Kind = IdentityProviderKind.Oidc, Url = AzureDevOpsHost + id.ToLowerInvariant(), Preset = "AzureDevOps",
            ClientIds = clientIds is { Count: > 0 } ? clientIds : new[] { AzureDevOpsAudience }, Thumbprints = thumbprints ?? Array.Empty<string>(),
        };
    }
}
