namespace IamOps.Federation;

/// <summary>One Add-IamIdentityProvider as it came out.</summary>
public sealed class IdentityProviderResult
{
    public string Account { get; init; } = string.Empty;

    public IdentityProviderKind ProviderType { get; init; }

    /// <summary>What a trust policy names as its Federated principal.</summary>
    public string Arn { get; init; } = string.Empty;

    /// <summary>OIDC: the issuer URL; SAML: null.</summary>
    public string? Url { get; init; }

    /// <summary>SAML: the provider name; OIDC: null.</summary>
    public string? Name { get; init; }

    /// <summary>GitHub, GitLab or AzureDevOps when a preset was used.</summary>
    public string? Preset { get; init; }

    public IReadOnlyList<string> ClientIds { get => _clientIds; init => _clientIds = TextList.From(value); }

    private readonly TextList _clientIds = TextList.Empty;

    public IReadOnlyList<string> Thumbprints { get => _thumbprints; init => _thumbprints = TextList.From(value); }

    private readonly TextList _thumbprints = TextList.Empty;

    public IdentityProviderStatus Status { get; init; }

    /// <summary>Each change made, skipped (-WhatIf) or failed, in order.</summary>
    public IReadOnlyList<string> Changes { get => _changes; init => _changes = TextList.From(value); }

    private readonly TextList _changes = TextList.Empty;
}
