using System.Management.Automation;
using System.Management.Automation.Runspaces;
using IamOps.Aws;
using IamOps.RoleAssume;
using IamOps.Secrets;

namespace IamOps.Cmdlets;

/// <summary>
/// What the cmdlets that make temporary credentials share (Invoke-IamRoleAssume, Get-IamSessionToken): the profile's
/// mfa_serial, the MFA prompt, the session cache, and handing a session on (-SaveAsProfile, -SetEnvironment, -ScriptBlock).
/// </summary>
public abstract class TemporaryCredentialsCmdlet : IamOpsCmdlet
{
    /// <summary>Asks STS for new credentials even when the cache holds a session that is still good.</summary>
    [Parameter]
    public SwitchParameter NoCache { get; set; }

    /// <summary>Calls GetCallerIdentity with the new credentials and reports who they belong to.</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    /// <summary>Runs this script block with the session as every IamOps command's default credentials.</summary>
    [Parameter]
    public ScriptBlock? ScriptBlock { get; set; }

    /// <summary>Exports the credentials to AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.</summary>
    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>Saves the credentials as this profile in the shared credentials file.</summary>
    [Parameter]
    public string? SaveAsProfile { get; set; }

    /// <summary>Sessions cached per runspace, shared by role and MFA sessions.</summary>
    protected RoleSessionCache SessionCache => RoleSessionCache.For(CacheOwner);

    /// <summary>MFA codes this runspace sent, to tell an already used code from a wrong one.</summary>
    protected UsedMfaCodes UsedCodes => UsedMfaCodes.For(CacheOwner);

    private object CacheOwner => (object?)Runspace.DefaultRunspace ?? SessionState;

    /// <summary>Like aws-vault and the AWS CLI: the mfa_serial of the profile the credentials come from, when -SerialNumber is not given.</summary>
    protected string? ProfileMfaSerial()
    {
        if (Connection.ProfileMfaSerial() is not { } mfa)
        {
            return null;
        }

        WriteVerbose($"Using MFA device {mfa.SerialNumber} from the mfa_serial of profile '{mfa.Profile}'.");
        return mfa.SerialNumber;
    }

    /// <summary>A connection with a session's credentials, to the same place as <see cref="IamOpsCmdlet.Connection"/> (for -Verify).</summary>
    protected IAwsConnection ConnectAs(TemporarySession session) =>
        ConnectAs(session.AccessKeyId, SecretText.ToPlainText(session.SecretAccessKey), SecretText.ToPlainText(session.SessionToken));

    /// <summary>Asks for an MFA code on the pipeline thread, from work running inside Await.</summary>
    protected string AskForTokenCode(string serialNumber) => AskOnPipelineThread(() => PromptForTokenCode(serialNumber));

    /// <summary>-ScriptBlock restores the environment, -SetEnvironment keeps the credentials in it: they cannot go together.</summary>
    protected static void CheckHandOver(ScriptBlock? scriptBlock, bool setEnvironment, string? saveAsProfile)
    {
        if (saveAsProfile is not null)
        {
            SharedCredentialsProfile.CheckName(saveAsProfile);
        }

        if (scriptBlock is not null && setEnvironment)
        {
            throw new IamOpsException("ModeConflict", FailureKind.InvalidArgument,
                "-ScriptBlock restores the environment afterwards and -SetEnvironment keeps the credentials in it: choose one.");
        }
    }

    /// <summary>Asks through the host, like the AWS CLI; a host that cannot ask means a clear error instead.</summary>
    protected string PromptForTokenCode(string serialNumber) => MfaCodePrompt.Ask(Host, serialNumber);

    /// <summary>Saves, exports or writes the session, or runs the script block with it (the environment restored afterwards).</summary>
    protected void Use(TemporarySession session, ScriptBlock? scriptBlock, bool setEnvironment, string? saveAsProfile)
    {
        if (saveAsProfile is not null)
        {
            var path = SharedCredentialsProfile.PathFor(ProfileLocation is null ? null : FileSystemPath(ProfileLocation));
            SharedCredentialsProfile.Save(path, saveAsProfile, session);
            WriteVerbose($"Saved profile '{saveAsProfile}' to {path}.");
        }

        if (setEnvironment)
        {
            CredentialEnvironment.Export(session);
            WriteVerbose("Exported the session's credentials to AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.");
        }

        if (scriptBlock is null)
        {
            WriteObject(session);
            return;
        }

        // Restored on success, on a terminating error and when the pipeline stops (Ctrl+C): the finally blocks always run.
        using (CredentialEnvironment.ExportUntilDisposed(session))
        using (AmbientRoleCredentials.Use(session))
        {
            WriteObject(scriptBlock.Invoke(session), enumerateCollection: true);
        }
    }
}
