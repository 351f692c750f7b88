using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using IamOps.RoleAssume;

namespace IamOps.Cmdlets;

/// <summary>
/// Assumes an IAM role (MFA, external ID, session tags and policies, cached sessions), or federates into one with a
/// web identity token or SAML assertion, and hands out or uses its credentials.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "IamRoleAssume", DefaultParameterSetName = FromEnvironment)]
[OutputType(typeof(RoleSession))]
public sealed class InvokeIamRoleAssumeCommand : TemporaryCredentialsCmdlet
{
    private const string ByArn = "RoleArn";
    private const string ByName = "RoleName";
    private const string ByToken = "WebIdentityToken";
    private const string ByTokenFile = "WebIdentityTokenFile";
    private const string ByGitHubActions = "FromGitHubActions";
    private const string BySaml = "SamlAssertion";
    private const string FromEnvironment = "WebIdentityEnvironment";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByArn)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByToken)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByTokenFile)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByGitHubActions)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BySaml)]
    [ValidateNotNullOrEmpty]
    public string RoleArn { get; set; } = string.Empty;

    /// <summary>An OIDC ID token (JWT) as text or SecureString; calls AssumeRoleWithWebIdentity.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByToken)]
    [SecureStringAsText]
    [ValidateNotNullOrEmpty]
    public string WebIdentityToken { get; set; } = string.Empty;

    /// <summary>A file holding the OIDC ID token (any PowerShell path); calls AssumeRoleWithWebIdentity.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByTokenFile)]
    [ValidateNotNullOrEmpty]
    public string WebIdentityTokenFile { get; set; } = string.Empty;

    /// <summary>Fetches the job's ID token from the GitHub Actions runner (needs permissions: id-token: write).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByGitHubActions)]
    public SwitchParameter FromGitHubActions { get; set; }

    /// <summary>The audience to request the GitHub Actions token for; sts.amazonaws.com by default.</summary>
    [Parameter(ParameterSetName = ByGitHubActions)]
    [ValidateNotNullOrEmpty]
    public string? Audience { get; set; }

    /// <summary>A base64 SAML response from the identity provider; calls AssumeRoleWithSAML.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BySaml)]
    [SecureStringAsText]
    [ValidateNotNullOrEmpty]
    public string SamlAssertion { get; set; } = string.Empty;

    /// <summary>The ARN of the SAML provider that issued the assertion.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BySaml)]
    [ValidateNotNullOrEmpty]
    public string PrincipalArn { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ByName)]
    [RoleNameCompletion]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = string.Empty;

    [Parameter(ParameterSetName = ByName)]
    public string? AccountId { get; set; }

    [Parameter(ParameterSetName = ByArn)]
    [Parameter(ParameterSetName = ByName)]
    [Parameter(ParameterSetName = ByToken)]
    [Parameter(ParameterSetName = ByTokenFile)]
    [Parameter(ParameterSetName = ByGitHubActions)]
    [Parameter(ParameterSetName = FromEnvironment)]
    public string? RoleSessionName { get; set; }

    [Parameter]
    public int? DurationSeconds { get; set; }

    [Parameter(ParameterSetName = ByArn)]
    [Parameter(ParameterSetName = ByName)]
    public string? ExternalId { get; set; }

    [Parameter(ParameterSetName = ByArn)]
    [Parameter(ParameterSetName = ByName)]
    public string? SerialNumber { get; set; }

    [Parameter(ParameterSetName = ByArn)]
    [Parameter(ParameterSetName = ByName)]
    public string? TokenCode { get; set; }

    [Parameter(ParameterSetName = ByArn)]
    [Parameter(ParameterSetName = ByName)]
    public Hashtable? Tag { get; set; }

    [Parameter(ParameterSetName = ByArn)]
    [Parameter(ParameterSetName = ByName)]
    public string[]? TransitiveTagKey { get; set; }

    [Parameter(ParameterSetName = ByArn)]
    [Parameter(ParameterSetName = ByName)]
    public string? SourceIdentity { get; set; }

    [Parameter(ParameterSetName = ByArn)]
    [Parameter(ParameterSetName = ByName)]
    [Parameter(ParameterSetName = ByToken)]
    [Parameter(ParameterSetName = ByTokenFile)]
    [Parameter(ParameterSetName = ByGitHubActions)]
    [Parameter(ParameterSetName = FromEnvironment)]
    public string? Policy { get; set; }

    [Parameter(ParameterSetName = ByArn)]
    [Parameter(ParameterSetName = ByName)]
    [Parameter(ParameterSetName = ByToken)]
    [Parameter(ParameterSetName = ByTokenFile)]
    [Parameter(ParameterSetName = ByGitHubActions)]
    [Parameter(ParameterSetName = FromEnvironment)]
    public string[]? PolicyArn { get; set; }

    [Parameter]
    [ValidateRange(0, 300)]
    public int WaitForRole { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName is not (ByArn or ByName))
        {
            ProcessFederated();
            return;
        }

        try
        {
            var request = Request();
            request = request.SerialNumber is null && ProfileMfaSerial() is { } serial ? request with { SerialNumber = serial } : request;
            RoleAssumeValidation.Check(request);
            CheckHandOver(ScriptBlock, SetEnvironment, SaveAsProfile);
            var session = Assume(request);
            Use(session, ScriptBlock, SetEnvironment, SaveAsProfile);
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }

    private RoleAssumeRequest Request() => new()
    {
        RoleArn = ParameterSetName == ByArn ? RoleArn.Trim() : null,
        RoleName = ParameterSetName == ByName ? RoleName.Trim() : null,
        AccountId = AccountId,
        RoleSessionName = RoleSessionName,
        DurationSeconds = DurationSeconds,
        ExternalId = ExternalId,
        SerialNumber = SerialNumber,
        TokenCode = TokenCode?.Trim(),
        Tags = Tag?.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string>(e.Key.ToString() ?? string.Empty, e.Value?.ToString() ?? string.Empty)).ToList()
            ?? new List<KeyValuePair<string, string>>(),
        TransitiveTagKeys = TransitiveTagKey ?? Array.Empty<string>(),
        SourceIdentity = SourceIdentity,
        Policy = Policy,
        PolicyArns = PolicyArn ?? Array.Empty<string>(),
        NoCache = NoCache,
        Verify = Verify,
        WaitForRole = TimeSpan.FromSeconds(WaitForRole),
    };

    /// <summary>AssumeRoleWithWebIdentity or AssumeRoleWithSAML: unsigned, so no AWS credentials are needed.</summary>
    private void ProcessFederated()
    {
        try
        {
            var ambient = ParameterSetName == FromEnvironment ? WebIdentityEnvironment.Read(System.Environment.GetEnvironmentVariable) : null;
            var request = new WebIdentityRequest
            {
                RoleArn = (ambient?.RoleArn ?? RoleArn).Trim(),
                RoleSessionName = RoleSessionName ?? ambient?.RoleSessionName ?? (ParameterSetName == ByGitHubActions ? "GitHubActions" : null),
                DurationSeconds = DurationSeconds,
                Policy = Policy,
                PolicyArns = PolicyArn ?? Array.Empty<string>(),
                PrincipalArn = ParameterSetName == BySaml ? PrincipalArn.Trim() : null,
                NoCache = NoCache,
                Verify = Verify,
                WaitForRole = TimeSpan.FromSeconds(WaitForRole),
            };
            WebIdentityAssumption.Check(request);
            CheckHandOver(ScriptBlock, SetEnvironment, SaveAsProfile);
            var proof = ParameterSetName switch
            {
                ByToken => FederatedProof.Token(WebIdentityToken),
                ByTokenFile => FederatedProof.TokenFile(FileSystemPath(WebIdentityTokenFile)),
                FromEnvironment => FederatedProof.FromEnvironment(ambient!),
                ByGitHubActions => FederatedProof.GitHubActions(System.Environment.GetEnvironmentVariable, Audience),
                _ => FederatedProof.Saml(SamlAssertion),
            };
            var assumption = new WebIdentityAssumption(AnonymousConnection, SessionCache, ConnectAs);
            assumption.Waiting = (attempt, pause) => WriteVerboseLater($"The role was denied (attempt {attempt}); waiting {pause.TotalSeconds:0.#} s for IAM to propagate recent changes (-WaitForRole).");
            var session = Await(cancel => proof.AssumeAsync(assumption, request, WriteVerboseLater, cancel));
            WriteVerbose($"{(session.FromCache ? "Cached" : "New")} session {session.AssumedRoleArn}, expires {session.Expiration:u}.");
            Use(session, ScriptBlock, SetEnvironment, SaveAsProfile);
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }

    private RoleSession Assume(RoleAssumeRequest request)
    {
        var assumption = RoleAssumption.Through(Connection, SessionCache, ConnectAs, UsedCodes);
        assumption.Waiting = (attempt, pause) => WriteVerboseLater($"AssumeRole was denied (attempt {attempt}); waiting {pause.TotalSeconds:0.#} s for IAM to propagate recent changes (-WaitForRole).");
        return Await(token => assumption.AssumeAsync(request, AskForTokenCode, WriteVerboseLater, token));
    }
}
