using IamOps.Accounts;
using IamOps.Federation;
using IamOps.Planning;
using IamOps.Simulator;

namespace IamOps.Tests.Federation;

/// <summary>Add-IamIdentityProvider's logic: offline validation, presets, and plans from the account's live state.</summary>
public sealed class IdentityProviderPlannerTests
{
    private const string AccountId = "111122223333";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new(AccountId);

    private async Task<IdentityProviderPlan> PlanAndApply(IdentityProviderRequest request)
    {
        var connection = _account.Connect();
        var plan = await new IdentityProviderPlanner(connection, await AccountContext.LoadAsync(connection, None)).PlanAsync(request, None);
        var applied = await new PlanApplier(ApplyCallbacks.ApproveAll).ApplyPlanAsync(plan.Warnings, plan.Changes, "provider", plan.Arn, None);
        Assert.All(applied, a => Assert.Equal(ChangeOutcome.Applied, a.Outcome));

        return plan;
    }

    [Theory]
    [InlineData("http://token.actions.githubusercontent.com")]
    [InlineData("https://issuer.example.com:443")]
    [InlineData("https://user@issuer.example.com")]
    [InlineData("https://issuer.example.com/#x")]
    [InlineData("https://localhost")]
    [InlineData("")]
    public void Malformed_issuer_URLs_are_refused_offline(string url)
    {
        var error = Assert.Throws<IamOpsException>(() => IdentityProviderPlanner.Validate(new IdentityProviderRequest { Kind = IdentityProviderKind.Oidc, Url = url }));

        Assert.Equal("IdentityProviderUrlInvalid", error.ErrorId);
    }

    [Fact]
    public void Presets_carry_each_CI_issuer_and_audience()
    {
        Assert.Equal(("https://token.actions.githubusercontent.com", "sts.amazonaws.com"), Pair(IdentityProviderPresets.GitHub(null, null)));
        Assert.Equal(("https://gitlab.com", "https://gitlab.com"), Pair(IdentityProviderPresets.GitLab(null, null, null)));
        Assert.Equal(("https://gitlab.example.com", "https://gitlab.example.com"), Pair(IdentityProviderPresets.GitLab("https://gitlab.example.com/", null, null)));
        Assert.Equal(("https://vstoken.dev.azure.com/6c0a8a5e-1f3b-4c8e-9d2a-0123456789ab", "api://AzureADTokenExchange"), Pair(IdentityProviderPresets.AzureDevOps("6C0A8A5E-1F3B-4C8E-9D2A-0123456789AB", null, null)));
        Assert.Equal("OrganizationIdInvalid", Assert.Throws<IamOpsException>(() => IdentityProviderPresets.AzureDevOps("contoso", null, null)).ErrorId);

        static (string, string) Pair(IdentityProviderRequest request) => (request.Url, Assert.Single(request.ClientIds));
    }

    [Fact]
    public async Task A_missing_provider_is_created_and_a_rerun_plans_nothing()
    {
        var first = await PlanAndApply(IdentityProviderPresets.GitHub(null, null));
        var second = await PlanAndApply(IdentityProviderPresets.GitHub(null, null));

        Assert.Equal(IdentityProviderStatus.Created, first.Status);
        Assert.Equal($"arn:aws:iam::{AccountId}:oidc-provider/token.actions.githubusercontent.com", first.Arn);
        Assert.Equal(IdentityProviderStatus.Unchanged, second.Status);
        Assert.Empty(second.Changes);
    }

    [Fact]
    public async Task Client_ids_are_merged_and_thumbprints_set_only_when_they_differ()
    {
        await PlanAndApply(IdentityProviderPresets.GitHub(null, null));
        var thumbprint = new string('A', 40);

        var merged = await PlanAndApply(IdentityProviderPresets.GitHub(new[] { "sts.amazonaws.com", "api://deploy" }, new[] { thumbprint }));
        var again = await PlanAndApply(IdentityProviderPresets.GitHub(new[] { "api://deploy" }, new[] { thumbprint }));

        Assert.Equal(new[] { ChangeKind.Add, ChangeKind.Update }, merged.Changes.Select(c => c.Kind));
        Assert.Equal(new[] { "sts.amazonaws.com", "api://deploy" }, merged.ClientIds);
        Assert.Equal(new[] { thumbprint.ToLowerInvariant() }, merged.Thumbprints);
        Assert.Empty(again.Changes);
    }

    [Fact]
    public async Task An_existing_SAML_provider_with_other_metadata_is_left_alone_with_a_warning()
    {
        var metadata = Simulator.IdentityProviderTests.SamlMetadata();
        await PlanAndApply(new IdentityProviderRequest { Kind = IdentityProviderKind.Saml, Name = "Okta", SamlMetadataDocument = metadata });

        var other = await PlanAndApply(new IdentityProviderRequest { Kind = IdentityProviderKind.Saml, Name = "Okta", SamlMetadataDocument = Simulator.IdentityProviderTests.SamlMetadata("https://other.example.com") });

        Assert.Empty(other.Changes);
        Assert.Single(other.Warnings);
    }
}
