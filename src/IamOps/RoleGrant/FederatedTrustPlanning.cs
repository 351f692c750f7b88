using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Policy;
using IamOps.Roles;

namespace IamOps.RoleGrant;

/// <summary>What a federated grant needs beyond the trust: the identity provider (created first with -CreateProvider), and the lint of the trust written.</summary>
internal static class FederatedTrustPlanning
{
    public static async Task<IReadOnlyList<PlannedChange>> ProviderChangesAsync(IAwsConnection aws, AccountContext account, FederatedTrust trust, bool createProvider, CancellationToken cancellationToken)
    {
        var arn = trust.ProviderArn(account.Partition, account.AccountId);
        if (trust.IsSaml)
        {
            var saml = await aws.Iam.ListSamlProvidersAsync(cancellationToken).ConfigureAwait(false);
            return saml.Contains(arn, StringComparer.OrdinalIgnoreCase)
                ? Array.Empty<PlannedChange>()
                : throw new IamOpsException("IdentityProviderNotFound", FailureKind.ObjectNotFound,
                    $"The SAML provider {arn} does not exist in account {account.AccountId}; create it first with Add-IamIdentityProvider -Name NAME -SamlMetadataDocument FILE.", arn);
        }

        var providers = await aws.Iam.ListOpenIdConnectProvidersAsync(cancellationToken).ConfigureAwait(false);
        if (providers.Contains(arn, StringComparer.Ordinal))
        {
            var provider = await aws.Iam.GetOpenIdConnectProviderAsync(arn, cancellationToken).ConfigureAwait(false);
            if (provider.ClientIds.Contains(trust.Audience, StringComparer.Ordinal))
            {
                return Array.Empty<PlannedChange>();
            }

            return createProvider
                ? new[] { new PlannedChange(ChangeKind.Add, "OIDC provider " + trust.IssuerHostPath, "Add client id " + trust.Audience, "the provider does not accept the audience the trust names", token => aws.Iam.AddClientIdToOpenIdConnectProviderAsync(arn, trust.Audience, token)) }
                : throw new IamOpsException("IdentityProviderAudienceMissing", FailureKind.InvalidOperation,
                    $"The OIDC provider {arn} does not accept the audience {trust.Audience}, so no token would get in; add it with Add-IamIdentityProvider -Url {trust.Issuer} -ClientId {trust.Audience}, or add -CreateProvider.", arn);
        }

        if (!createProvider)
        {
            throw new IamOpsException("IdentityProviderNotFound", FailureKind.ObjectNotFound,
                $"Account {account.AccountId} has no OIDC provider for {trust.Issuer}; create it with Add-IamIdentityProvider (e.g. -GitHub), or add -CreateProvider.", arn);
        }

        return new[]
        {
            new PlannedChange(ChangeKind.Create, "OIDC provider " + trust.IssuerHostPath, $"Create OIDC provider {trust.Issuer} for audience {trust.Audience}", "provider does not exist",
                async token => await aws.Iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = trust.Issuer!, ClientIds = new[] { trust.Audience } }, token).ConfigureAwait(false)),
        };
    }

    /// <summary>The security warnings the policy engine finds in the trust as written, e.g. a sub matching every repository.</summary>
    public static IEnumerable<string> LintWarnings(string trustDocument, string roleName) =>
        PolicyValidator.Validate(trustDocument, new PolicyValidationOptions { PolicyType = PolicyType.Trust })
            .Where(f => f.Severity == FindingSeverity.SecurityWarning)
            .Select(f => $"The trust policy of role {roleName}: {f.Message} ({f.CheckId})");
}
