using System.Management.Automation;
using IamOps.Planning;
using IamOps.RoleGrant;

namespace IamOps.Cmdlets;

/// <summary>
/// Lets a user, group, other account or AWS service assume a role, idempotently: the role and its trust, its managed
/// policies, the grantee's permission, and for EC2 the instance profile on running instances.
/// </summary>
[Cmdlet(VerbsSecurity.Grant, "IamRoleAssume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = UserSet)]
[OutputType(typeof(RoleGrantResult))]
public sealed class GrantIamRoleAssumeCommand : RoleGranteeCmdlet
{
    private const string GitHubSet = "GitHub";
    private const string GitLabSet = "GitLab";
    private const string AzureDevOpsSet = "AzureDevOps";
    private const string OidcSet = "Oidc";
    private const string SamlSet = "Saml";

    /// <summary>GitHub Actions: owner/repository whose workflows may assume the role.</summary>
    [Parameter(Mandatory = true, ParameterSetName = GitHubSet)]
    [ValidateNotNullOrEmpty]
    public string GitHubRepository { get; set; } = string.Empty;

    [Parameter(ParameterSetName = GitHubSet)]
    [Parameter(ParameterSetName = GitLabSet)]
    [ValidateNotNullOrEmpty]
    public string? Branch { get; set; }

    [Parameter(ParameterSetName = GitHubSet)]
    [ValidateNotNullOrEmpty]
    public string? Environment { get; set; }

    [Parameter(ParameterSetName = GitHubSet)]
    [ValidateNotNullOrEmpty]
    public string? Tag { get; set; }

    [Parameter(ParameterSetName = GitHubSet)]
    public SwitchParameter PullRequest { get; set; }

    /// <summary>GitLab CI: group/project whose jobs may assume the role.</summary>
    [Parameter(Mandatory = true, ParameterSetName = GitLabSet)]
    [ValidateNotNullOrEmpty]
    public string GitLabProject { get; set; } = string.Empty;

    /// <summary>A self-managed GitLab's URL (its OIDC issuer and default audience); gitlab.com when left out.</summary>
    [Parameter(ParameterSetName = GitLabSet)]
    [ValidateNotNullOrEmpty]
    public string? GitLabUrl { get; set; }

    /// <summary>Azure DevOps: organization/project/service-connection.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AzureDevOpsSet)]
    [ValidateNotNullOrEmpty]
    public string AzureDevOpsServiceConnection { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = AzureDevOpsSet)]
    [ValidateNotNullOrEmpty]
    public string OrganizationId { get; set; } = string.Empty;

    /// <summary>Any OIDC issuer URL, with -Subject.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OidcSet)]
    [ValidateNotNullOrEmpty]
    public string OidcProvider { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = OidcSet)]
    [ValidateNotNullOrEmpty]
    public string Subject { get; set; } = string.Empty;

    [Parameter(ParameterSetName = GitHubSet)]
    [Parameter(ParameterSetName = GitLabSet)]
    [Parameter(ParameterSetName = AzureDevOpsSet)]
    [Parameter(ParameterSetName = OidcSet)]
    [ValidateNotNullOrEmpty]
    public string? Audience { get; set; }

    /// <summary>A SAML provider ARN whose users may assume the role.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SamlSet)]
    [ValidateNotNullOrEmpty]
    public string SamlProvider { get; set; } = string.Empty;

    [Parameter(ParameterSetName = GitHubSet)]
    [Parameter(ParameterSetName = GitLabSet)]
    [Parameter(ParameterSetName = AzureDevOpsSet)]
    [Parameter(ParameterSetName = OidcSet)]
    public SwitchParameter CreateProvider { get; set; }

    [Parameter(ParameterSetName = UserSet)]
    [Parameter(ParameterSetName = GroupSet)]
    [Parameter(ParameterSetName = AccountSet)]
    public SwitchParameter RequireMfa { get; set; }

    [Parameter(ParameterSetName = UserSet)]
    [Parameter(ParameterSetName = GroupSet)]
    [Parameter(ParameterSetName = AccountSet)]
    public string? ExternalId { get; set; }

    [Parameter]
    public string[]? PolicyArn { get; set; }

    [Parameter]
    public int? MaxSessionDuration { get; set; }

    [Parameter(ParameterSetName = ServiceSet, ValueFromPipelineByPropertyName = true)]
    public string[]? InstanceId { get; set; }

    protected override void ProcessRecord()
    {
        Roles.FederatedTrust? federation;
        try
        {
            federation = Federation();
        }
        catch (IamOpsException invalid)
        {
            WriteFailure(invalid);
            return;
        }

        var request = new RoleGrantRequest
        {
            RoleName = RoleName.Trim(),
            GranteeKind = Grantee()?.Kind ?? (ParameterSetName == SamlSet ? RoleGranteeKind.Saml : RoleGranteeKind.WebIdentity),
            Grantees = Grantee()?.Names ?? Trimmed(new[] { federation!.Description }),
            Federation = federation,
            CreateProvider = CreateProvider,
            RequireMfa = RequireMfa,
            ExternalId = ExternalId,
            PolicyArns = Trimmed(PolicyArn),
            MaxSessionDuration = MaxSessionDuration,
            InstanceIds = Trimmed(InstanceId),
        };
        try
        {
            RoleGrantPlanner.Validate(request);
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
            WriteObject(Await(token => RoleGrantChanges.GrantAsync(connection, account, request, Callbacks(), token)));
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }

    private Roles.FederatedTrust? Federation() => ParameterSetName switch
    {
        GitHubSet => Roles.FederatedTrust.GitHub(GitHubRepository, Branch, Environment, Tag, PullRequest, Audience),
        GitLabSet => Roles.FederatedTrust.GitLab(GitLabProject, Branch, GitLabUrl, Audience),
        AzureDevOpsSet => Roles.FederatedTrust.AzureDevOps(AzureDevOpsServiceConnection, OrganizationId, Audience),
        OidcSet => Roles.FederatedTrust.Generic(OidcProvider, Subject, Audience),
        SamlSet => Roles.FederatedTrust.Saml(SamlProvider),
        _ => null,
    };
}
