using System.Management.Automation;
using IamOps.Federation;

namespace IamOps.Cmdlets;

/// <summary>
/// Makes sure an OIDC or SAML identity provider exists in the account, idempotently: creates it when missing, merges
/// client ids (audiences) and sets thumbprints on an existing one. Presets for GitHub Actions, GitLab and Azure DevOps.
/// </summary>
[Cmdlet(VerbsCommon.Add, "IamIdentityProvider", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = OidcSet)]
[OutputType(typeof(IdentityProviderResult))]
public sealed class AddIamIdentityProviderCommand : IamOpsCmdlet
{
    private const string OidcSet = "Oidc";
    private const string SamlSet = "Saml";
    private const string GitHubSet = "GitHub";
    private const string GitLabSet = "GitLab";
    private const string AzureDevOpsSet = "AzureDevOps";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = OidcSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = GitLabSet)]
    [ValidateNotNullOrEmpty]
    public string Url { get; set; } = string.Empty;

    [Parameter(ParameterSetName = OidcSet)]
    [Parameter(ParameterSetName = GitHubSet)]
    [Parameter(ParameterSetName = GitLabSet)]
    [Parameter(ParameterSetName = AzureDevOpsSet)]
    [Alias("Audience")]
    [ValidateNotNullOrEmpty]
    public string[]? ClientId { get; set; }

    [Parameter(ParameterSetName = OidcSet)]
    [Parameter(ParameterSetName = GitHubSet)]
    [Parameter(ParameterSetName = GitLabSet)]
    [Parameter(ParameterSetName = AzureDevOpsSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Thumbprint { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = GitHubSet)]
    public SwitchParameter GitHub { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = GitLabSet)]
    public SwitchParameter GitLab { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AzureDevOpsSet)]
    public SwitchParameter AzureDevOps { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AzureDevOpsSet)]
    [ValidateNotNullOrEmpty]
    public string OrganizationId { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = SamlSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The IdP's metadata: its XML text, or the path of a file holding it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SamlSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string SamlMetadataDocument { get; set; } = string.Empty;

    protected override void ProcessRecord()
    {
        IdentityProviderRequest request;
        try
        {
            request = BuildRequest();
            IdentityProviderPlanner.Validate(request);
        }
        catch (IamOpsException invalid)
        {
            WriteFailure(invalid);
            return;
        }

        var account = AccountOrStop();
        try
        {
            var connection = Connection;
            WriteObject(Await(token => IdentityProviderChanges.AddAsync(connection, account, request, Callbacks(), token)));
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }

    private IdentityProviderRequest BuildRequest()
    {
        var clientIds = ClientId?.Select(c => c.Trim()).ToList();
        var thumbprints = Thumbprint?.Select(t => t.Trim()).ToList();
        return ParameterSetName switch
        {
            GitHubSet => IdentityProviderPresets.GitHub(clientIds, thumbprints),
            GitLabSet => IdentityProviderPresets.GitLab(Url, clientIds, thumbprints),
            AzureDevOpsSet => IdentityProviderPresets.AzureDevOps(OrganizationId, clientIds, thumbprints),
            SamlSet => new IdentityProviderRequest { Kind = IdentityProviderKind.Saml, Name = Name.Trim(), SamlMetadataDocument = ReadMetadata(SamlMetadataDocument) },
            _ => new IdentityProviderRequest
            {
                Kind = IdentityProviderKind.Oidc,
                Url = Url.Trim(),
                ClientIds = clientIds is { Count: > 0 } ? clientIds : new List<string> { IdentityProviderPresets.StsAudience },
                Thumbprints = thumbprints ?? new List<string>(),
            },
        };
    }

    /// <summary>XML as given, or the text of the file the value names.</summary>
    private string ReadMetadata(string value)
    {
        var text = value.TrimStart();
        if (text.StartsWith("<", StringComparison.Ordinal))
        {
            return value;
        }

        var path = FileSystemPath(value);
        if (!File.Exists(path))
        {
            throw new IamOpsException("SamlMetadataNotFound", FailureKind.ObjectNotFound,
                $"-SamlMetadataDocument is neither XML nor an existing file: {path}. Give the metadata XML or the path of the file you downloaded from the identity provider.", value);
        }

        return File.ReadAllText(path);
    }
}
