using IamOps.Planning;

namespace IamOps.Federation;

/// <summary>What Add-IamIdentityProvider would change, from the account's live state.</summary>
public sealed class IdentityProviderPlan
{
    public IdentityProviderRequest Request { get; init; } = new();

    public string Arn { get; init; } = string.Empty;

    /// <summary>The client ids and thumbprints the provider has once the plan is applied.</summary>
    public IReadOnlyList<string> ClientIds { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Thumbprints { get; init; } = Array.Empty<string>();

    public bool Creates { get; init; }

    public IReadOnlyList<PlannedChange> Changes { get; init; } = Array.Empty<PlannedChange>();

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    public IdentityProviderStatus Status => Creates ? IdentityProviderStatus.Created : Changes.Count > 0 ? IdentityProviderStatus.Updated : IdentityProviderStatus.Unchanged;

    public IdentityProviderResult ToResult(string account, IdentityProviderStatus status, IReadOnlyList<string> changes) => new()
    {
        Account = account,
        ProviderType = Request.Kind,
        Arn = Arn,
        Url = Request.Kind == IdentityProviderKind.Oidc ? Request.Url : null,
        Name = Request.Kind == IdentityProviderKind.Saml ? Request.Name : null,
        Preset = Request.Preset,
        ClientIds = ClientIds,
        Thumbprints = Thumbprints,
        Status = status,
        Changes = changes,
    };
}
