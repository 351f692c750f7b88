using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using IamOps.RoleAssume;

namespace IamOps.Cmdlets;

/// <summary>Assumes an IAM role (MFA, external ID, session tags and policies, cached sessions) and hands out or uses its credentials.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "IamRoleAssume", DefaultParameterSetName = ByArn)]
[OutputType(typeof(RoleSession))]
public sealed class InvokeIamRoleAssumeCommand : IamOpsCmdlet
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
    public SwitchParameter NoCache { get; set; }

    [Parameter]
    [ValidateRange(0, 300)]
    public int WaitForRole { get; set; }

    [Parameter]
    public SwitchParameter Verify { get; set; }

    [Parameter]
    public ScriptBlock? ScriptBlock { get; set; }

    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    [Parameter]
    public string? SaveAsProfile { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var request = WithProfileMfaSerial(Request());
            RoleAssumeValidation.Check(request);
            if (SaveAsProfile is not null)
            {
                SharedCredentialsProfile.CheckName(SaveAsProfile);
            }

            if (ScriptBlock is not null && SetEnvironment)
            {
                throw new IamOpsException("ModeConflict", FailureKind.InvalidArgument,
                    "-ScriptBlock restores the environment afterwards and -SetEnvironment keeps the credentials in it: choose one.");
            }

            var session = Assume(request);
            Use(session);
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

    /// <summary>Like aws-vault and the AWS CLI: a profile's mfa_serial names the MFA device when -SerialNumber does not.</summary>
    private RoleAssumeRequest WithProfileMfaSerial(RoleAssumeRequest request)
    {
        if (request.SerialNumber is not null || Sandbox is not null || Connection is not Aws.AwsConnection aws
            || IamOps.Connection.ConnectionResolver.ProfileMfaSerial(aws.Resolved) is not { } serial)
        {
            return request;
        }

        WriteVerbose($"Using MFA device {serial} from the mfa_serial of profile '{aws.Resolved.CredentialProfile}'.");
        return request with { SerialNumber = serial };
    }

    private RoleSession Assume(RoleAssumeRequest request)
    {
        var connection = Connection;
        var sandbox = Sandbox;
        var scope = sandbox is null
            ? string.Join("|", connection.Description, Region, EndpointUrl)
            : "sandbox:" + sandbox.AccountId + ":" + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(sandbox).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var assumption = new RoleAssumption(
            connection,
            RoleSessionCache.For((object?)Runspace.DefaultRunspace ?? SessionState),
            scope,
            session => ConnectAs(session.AccessKeyId, Secrets.SecretText.ToPlainText(session.SecretAccessKey), Secrets.SecretText.ToPlainText(session.SessionToken)),
            sandbox is null ? connection.Iam : sandbox.Connect(null, null, null).Iam)
        {
            Waiting = (attempt, pause) => WriteVerboseLater($"AssumeRole was denied (attempt {attempt}); waiting {pause.TotalSeconds:0.#} s for IAM to propagate recent changes (-WaitForRole)."),
        };


        if (request.SerialNumber is not null && request.TokenCode is null)
        {
            var cached = request.NoCache ? null : Await(token => assumption.FindCachedAsync(request, token));
            if (cached is not null)
            {
                return cached;
            }

            request = request with { TokenCode = PromptForTokenCode(request.SerialNumber) };
            RoleAssumeValidation.Check(request);
        }

        var session = Await(token => assumption.AssumeAsync(request, token));
        WriteVerbose($"{(session.FromCache ? "Cached" : "New")} session {session.AssumedRoleArn}, expires {session.Expiration:u}.");
        return session;
    }

    /// <summary>Asks through the host, like the AWS CLI; a host that cannot ask means a clear error instead.</summary>
    private string PromptForTokenCode(string serialNumber)
    {
        var nonInteractive = Environment.GetCommandLineArgs().Any(a => a.StartsWith("-noni", StringComparison.OrdinalIgnoreCase));
        if (nonInteractive || Host?.UI is null)
        {
            throw RoleAssumeFailures.MfaCodeNeeded(serialNumber);
        }

        try
        {
            Host.UI.Write($"Enter MFA code for {serialNumber}: ");
            var code = Host.UI.ReadLine()?.Trim();
            return string.IsNullOrEmpty(code) ? throw RoleAssumeFailures.MfaCodeNeeded(serialNumber) : code!;
        }
        catch (Exception cannotAsk) when (cannotAsk is System.Management.Automation.Host.HostException or NotImplementedException or PSNotImplementedException or InvalidOperationException)
        {
            throw RoleAssumeFailures.MfaCodeNeeded(serialNumber);
        }
    }

    private void Use(RoleSession session)
    {
        if (SaveAsProfile is not null)
        {
            var path = SharedCredentialsProfile.PathFor(ProfileLocation is null ? null : FileSystemPath(ProfileLocation));
            SharedCredentialsProfile.Save(path, SaveAsProfile, session);
            WriteVerbose($"Saved profile '{SaveAsProfile}' to {path}.");
        }

        if (SetEnvironment)
        {
            CredentialEnvironment.Export(session);
            WriteVerbose("Exported the role's credentials to AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.");
        }

        if (ScriptBlock is null)
        {
            WriteObject(session);
            return;
        }

        // Restored on success, on a terminating error and when the pipeline stops (Ctrl+C): the finally blocks always run.
        using (CredentialEnvironment.ExportUntilDisposed(session))
        using (AmbientRoleCredentials.Use(session))
        {
            WriteObject(ScriptBlock.Invoke(session), enumerateCollection: true);
        }
    }
}
