using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using IamOps.RoleAssume;

namespace IamOps.Cmdlets;

/// <summary>Assumes an IAM role (MFA, external ID, session tags and policies, cached sessions) and hands out or uses its credentials.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "IamRoleAssume", DefaultParameterSetName = ByArn)]
[OutputType(typeof(RoleSession))]
public sealed class InvokeIamRoleAssumeCommand : TemporaryCredentialsCmdlet
{
    private const string ByArn = "RoleArn";
    private const string ByName = "RoleName";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByArn)]
    [ValidateNotNullOrEmpty]
    public string RoleArn { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ByName)]
    [RoleNameCompletion]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = string.Empty;

    [Parameter(ParameterSetName = ByName)]
    public string? AccountId { get; set; }

    [Parameter]
    public string? RoleSessionName { get; set; }

    [Parameter]
    public int? DurationSeconds { get; set; }

    [Parameter]
    public string? ExternalId { get; set; }

    [Parameter]
    public string? SerialNumber { get; set; }

    [Parameter]
    public string? TokenCode { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    [Parameter]
    public string[]? TransitiveTagKey { get; set; }

    [Parameter]
    public string? SourceIdentity { get; set; }

    [Parameter]
    public string? Policy { get; set; }

    [Parameter]
    public string[]? PolicyArn { get; set; }

    [Parameter]
    [ValidateRange(0, 300)]
    public int WaitForRole { get; set; }

    protected override void ProcessRecord()
    {
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

    private RoleSession Assume(RoleAssumeRequest request)
    {
        var assumption = RoleAssumption.Through(Connection, SessionCache, ConnectAs, UsedCodes);
        assumption.Waiting = (attempt, pause) => WriteVerboseLater($"AssumeRole was denied (attempt {attempt}); waiting {pause.TotalSeconds:0.#} s for IAM to propagate recent changes (-WaitForRole).");
        return Await(token => assumption.AssumeAsync(request, AskForTokenCode, WriteVerboseLater, token));
    }
}
