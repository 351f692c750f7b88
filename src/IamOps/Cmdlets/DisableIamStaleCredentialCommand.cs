using System.Management.Automation;
using IamOps.Audit.StaleCredentials;

namespace IamOps.Cmdlets;

/// <summary>
/// Cleans up stale IAM user credentials by the CIS rules, plan first: deactivates access keys unused for -Days, deletes
/// console passwords unused for -Days, with -Delete deletes inactive unused keys, and rotates keys older than -MaxKeyAge
/// over -GracePeriod. Each change is asked about on its own, so -WhatIf lists them all.
/// </summary>
[Cmdlet(VerbsLifecycle.Disable, "IamStaleCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(StaleCredentialResult))]
public sealed class DisableIamStaleCredentialCommand : IamOpsCmdlet
{
    private StaleCredentialCleanup? _cleanup;
    private bool _namesGiven;

    /// <summary>Limits the clean-up to these users; without it (and without pipeline input) every user is checked.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "User")]
    [UserNameCompletion]
    [AllowEmptyString]
    public string[]? UserName { get; set; }

    /// <summary>Credentials unused for this many days or more (never used: since created) are stale. CIS: 45.</summary>
    [Parameter]
    [ValidateRange(1, 3650)]
    public int Days { get; set; } = StaleCredentialRequest.DefaultDays;

    /// <summary>Also delete access keys that are already inactive and unused for -Days.</summary>
    [Parameter]
    public SwitchParameter Delete { get; set; }

    /// <summary>Access keys in use this many days old or more are rotated. CIS: 90.</summary>
    [Parameter]
    [ValidateRange(1, 3650)]
    public int MaxKeyAge { get; set; } = StaleCredentialRequest.DefaultMaxKeyAge;

    /// <summary>Days a rotated key keeps working beside its replacement; a run after that deactivates it (0: at once).</summary>
    [Parameter]
    [ValidateRange(0, 3650)]
    public int GracePeriod { get; set; } = StaleCredentialRequest.DefaultGracePeriod;

    /// <summary>Users to leave alone: names, or tag filters such as iamops:break-glass=true.</summary>
    [Parameter]
    public string[]? Exclude { get; set; }

    /// <summary>A CSV to append rotated users' new keys to, owner-only; the secrets are otherwise only in the results, as SecureString.</summary>
    [Parameter]
    public string? CredentialFile { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            _cleanup = new StaleCredentialCleanup(new StaleCredentialRequest
            {
                Days = Days,
                MaxKeyAge = MaxKeyAge,
                GracePeriod = GracePeriod,
                Delete = Delete,
                Exclude = Exclude ?? Array.Empty<string>(),
            });
            StaleCredentialCleanup.CheckCredentialFile(CredentialFile is null ? null : FileSystemPath(CredentialFile));
        }
        catch (IamOpsException invalid)
        {
            ThrowFailure(invalid);
        }
    }

    protected override void ProcessRecord()
    {
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(UserName)))
        {
            return;
        }

        _namesGiven = true;
        foreach (var name in UserName ?? Array.Empty<string>())
        {
            var (rejection, note) = _cleanup!.Add(name);
            if (note is not null)
            {
                WriteVerbose(note);
            }

            if (rejection is not null)
            {
                WriteFailure(rejection, name);
            }
        }
    }

    protected override void EndProcessing()
    {
        // Pipeline input that brought no user (an empty filter upstream) checks nobody, never everybody.
        var allUsers = !_namesGiven && !MyInvocation.ExpectingInput;
        if (!allUsers && _cleanup!.UserNames.Count == 0)
        {
            WriteVerbose("No user to check: nothing was read or changed.");
            return;
        }

        try
        {
            var connection = Connection;
            var sandbox = Sandbox;
            var progress = new ProgressRecord(1, "Stale credentials", "Reading the credential report");
            var run = Await(token => _cleanup!.RunAsync(connection, allUsers, () => sandbox?.UtcNow ?? DateTime.UtcNow, Callbacks("Cleaning up stale credentials", "users"),
                ThrottleLimit, new ProgressOnPipelineThread(status => AskOnPipelineThread(() => ShowProgress(progress, status))), token));
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            foreach (var warning in run.Warnings)
            {
                WriteWarning(warning);
            }

            foreach (var note in run.Notes)
            {
                WriteVerbose(note);
            }

            foreach (var error in run.Errors)
            {
                WriteFailure(error, error.Target);
            }

            WriteObject(run.Results, enumerateCollection: true);
            WriteVerbose(run.Finish(CredentialFile is null ? null : FileSystemPath(CredentialFile), CredentialFile));
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }

    private bool ShowProgress(ProgressRecord progress, string status)
    {
        progress.StatusDescription = status;
        WriteProgress(progress);
        return true;
    }

    /// <summary>The capability's progress, brought to the pipeline thread.</summary>
    private sealed class ProgressOnPipelineThread : IProgress<string>
    {
        private readonly Action<string> _report;

        public ProgressOnPipelineThread(Action<string> report) => _report = report;

        public void Report(string value) => _report(value);
    }
}
