using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using IamOps.AccountFanOut;
using IamOps.Aws;
using IamOps.RoleAssume;
using IamOps.Secrets;

namespace IamOps.Cmdlets;

/// <summary>
/// Runs a script block once in each account, in parallel runspaces, as that account's assumed role
/// (OrganizationAccountAccessRole by default): every IamOps command in the block works there without connection parameters.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "IamInAccount", SupportsShouldProcess = true, DefaultParameterSetName = "Default")]
[OutputType(typeof(PSObject), typeof(FanOutSummary))]
public sealed class InvokeIamInAccountCommand : IamOpsCmdlet
{
    private const int ProgressId = 41;
    private readonly List<(FanOutAccount Account, object BlockInput)> _accounts = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>What to run in each account; <c>$_</c> is the account object, <c>$IamOpsAccount</c> its Id and Name.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    /// <summary>Accounts by id (12 digits).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? AccountId { get; set; }

    /// <summary>Accounts from the pipeline: Get-IamOrganizationAccount, Get-ORGAccountList, objects with Id or AccountId, or 12-digit strings.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The role to assume in each account.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = "OrganizationAccountAccessRole";

    [Parameter]
    public string? ExternalId { get; set; }

    /// <summary>The MFA device to sign in with once (an MFA session reused for every account); the profile's mfa_serial when not given.</summary>
    [Parameter]
    public string? SerialNumber { get; set; }

    /// <summary>The device's current code; prompted for (once) when not given.</summary>
    [Parameter]
    public string? TokenCode { get; set; }

    [Parameter]
    public string? RoleSessionName { get; set; }

    [Parameter]
    public int? DurationSeconds { get; set; }

    /// <summary>How many accounts run at once.</summary>
    [Parameter]
    [ValidateRange(1, AccountFanOutRun<object>.MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = AccountFanOutRun<object>.DefaultThrottleLimit;

    /// <summary>Output account by account in input order, instead of as it comes.</summary>
    [Parameter]
    public SwitchParameter Ordered { get; set; }

    /// <summary>Writes the summary object (which accounts succeeded, which failed and why) after the output.</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    protected override void ProcessRecord()
    {
        if (AccountId is not null && _accounts.Count == 0 && MyInvocation.BoundParameters.ContainsKey(nameof(AccountId)))
        {
            foreach (var id in AccountId)
            {
                Add(id);
            }

            AccountId = null;
        }

        if (InputObject is not null)
        {
            Add(InputObject);
        }
    }

    protected override void EndProcessing()
    {
        if (_accounts.Count == 0)
        {
            return;
        }

        var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && ((SwitchParameter)w).IsPresent;
        var chosen = whatIf ? _accounts : _accounts.Where(a => ShouldProcess(a.Account.ToString(), "Run the script block")).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        try
        {
            var accounts = chosen.Select((a, i) => new FanOutAccount(a.Account.Id, a.Account.Name, i)).ToList();
            var inputs = chosen.Select(a => a.BlockInput).ToArray();
            var block = FanOutBlock.From(ScriptBlock, SessionState.PSVariable.GetValue);
            if (FanOutViews.Ensure(this) is { } noViews)
            {
                WriteVerbose(noViews);
            }

            var sessions = Sessions();
            using var runspaces = FanOutRunspaces.Create(this, SessionVariables(), block, new FanOutPreferences(whatIf, VerboseWanted(), ConfirmDeclined()));
            var run = new AccountFanOutRun<FanOutLease>(
                (account, token) => runspaces.ConnectAsync(t => sessions.ConnectAsync(account, t), token),
                (account, lease, output, token) => runspaces.RunAsync(account, lease, inputs[account.Position], Defaults(lease.Session is null && account.Id == sessions.CallerAccount), output, token))
            {
                ThrottleLimit = ThrottleLimit,
                Ordered = Ordered,
            };

            var summary = Await(token => run.RunAsync(accounts, ReportingEvents(), token));
            WriteVerbose($"{accounts.Count} account(s) ran in {runspaces.Opened} runspace(s) (-ThrottleLimit {ThrottleLimit}).");
            WriteInformation(summary.Describe(), new[] { "IamOps", "FanOutSummary" });
            if (summary.Failed > 0)
            {
                WriteWarning(summary.Describe());
            }

            if (Summary)
            {
                WriteObject(summary);
            }
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }

    private void Add(object input)
    {
        try
        {
            var (account, blockInput) = FanOutInput.Read(input, _accounts.Count);
            if (_seen.Add(account.Id))
            {
                _accounts.Add((account, blockInput));
            }
            else
            {
                WriteVerbose($"Account {account.Id} was given more than once; it runs once.");
            }
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }

    /// <summary>Makes each account's session from this command's connection: the MFA session first (one prompt), then AssumeRole per account.</summary>
    private FanOutSessions Sessions()
    {
        // Everything that can be checked offline is, before the first call.
        var template = new RoleAssumeRequest { RoleName = RoleName.Trim(), ExternalId = ExternalId, RoleSessionName = RoleSessionName, DurationSeconds = DurationSeconds };
        RoleAssumeValidation.Check(template);
        RoleAssumeValidation.CheckMfa(SerialNumber?.Trim(), TokenCode?.Trim());

        var cacheOwner = (object?)Runspace.DefaultRunspace ?? SessionState;
        var cache = RoleSessionCache.For(cacheOwner);
        var usedCodes = UsedMfaCodes.For(cacheOwner);
        var connection = Connection;
        var caller = Await(token => connection.Sts.GetCallerIdentityAsync(token));
        MfaSession? mfa = null;
        var serial = SerialNumber?.Trim() ?? ProfileMfaSerial(connection);
        if (serial is not null)
        {
            var issuer = MfaSessionIssuer.Through(connection, cache, _ => connection, usedCodes);
            var request = new MfaSessionRequest { SerialNumber = serial, TokenCode = TokenCode?.Trim() };
            MfaSessionIssuer.Check(request);
            mfa = Await(token => issuer.IssueAsync(request, code => AskOnPipelineThread(() => MfaCodePrompt.Ask(Host, code)), WriteVerboseLater, token));
            connection = ConnectAs(mfa.AccessKeyId, SecretText.ToPlainText(mfa.SecretAccessKey), SecretText.ToPlainText(mfa.SessionToken));
        }

        return new FanOutSessions(connection, cache, usedCodes, caller, mfa, template, WriteVerboseLater);
    }

    private string? ProfileMfaSerial(IAwsConnection connection)
    {
        if (connection.ProfileMfaSerial() is not { } mfa)
        {
            return null;
        }

        WriteVerbose($"Using MFA device {mfa.SerialNumber} from the mfa_serial of profile '{mfa.Profile}'.");
        return mfa.SerialNumber;
    }

    private FanOutEvents ReportingEvents() => new()
    {
        Started = account => OnPipelineThread(() => WriteVerbose($"Account {account}: started.")),
        Output = (account, item) => OnPipelineThread(() => Deliver(account, item)),
        Failed = failure => OnPipelineThread(() => WriteAccountFailure(failure)),
        Began = progress => OnPipelineThread(() => WriteProgress(ProgressOf(progress, $"Started {progress.Latest}"))),
        Progress = progress => OnPipelineThread(() => WriteProgress(ProgressOf(progress, $"Finished {progress.Latest}"))),
    };

    private static ProgressRecord ProgressOf(FanOutProgress progress, string latest) =>
        new(ProgressId, "Invoke-IamInAccount", $"{progress.Done} of {progress.Total} accounts done{(progress.Failed > 0 ? $", {progress.Failed} failed" : string.Empty)}, {progress.Running} running")
        {
            PercentComplete = progress.PercentComplete,
            CurrentOperation = latest,
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };

    /// <summary>An output object tagged with its account, or a stream record of the block, written on this thread.</summary>
    private void Deliver(FanOutAccount account, object item)
    {
        switch (item)
        {
            case FanOutRecord { Record: ErrorRecord error }:
                error.ErrorDetails = new ErrorDetails($"[{account}] {error.ErrorDetails?.Message ?? error.Exception?.Message ?? error.ToString()}")
                {
                    RecommendedAction = error.ErrorDetails?.RecommendedAction,
                };
                WriteError(error);
                break;
            case FanOutRecord { Record: WarningRecord warning }:
                WriteWarning($"[{account}] {warning.Message}");
                break;
            case FanOutRecord { Record: VerboseRecord verbose }:
                WriteVerbose($"[{account}] {verbose.Message}");
                break;
            case FanOutRecord { Record: DebugRecord debug }:
                WriteDebug($"[{account}] {debug.Message}");
                break;
            case FanOutRecord { Record: InformationRecord information }:
                information.Tags.Add("AccountId:" + account.Id);
                WriteInformation(information);
                break;
            case PSObject output:
                WriteObject(AccountOutputTag.Tag(output, account));
                break;
        }
    }

    /// <summary>An account whose session could not be made or whose block ended: a non-terminating error naming it (its errors were already written).</summary>
    private void WriteAccountFailure(FanOutFailure failure)
    {
        if (failure.Exception is null)
        {
            return;
        }

        var kind = failure.Exception is IamOpsException known ? known.Kind : FailureKind.InvalidOperation;
        var where = failure.Stage == FanOutStage.Connect ? $"could not assume {RoleName}" : "the script block failed";
        WriteFailure(new IamOpsException(failure.ErrorId, kind, $"Account {failure.Account}: {where}: {failure.Message}", failure.AccountId, failure.Exception), failure.AccountId);
    }

    /// <summary>What the runspaces take over from this session: the sandbox and AWS.Tools' session defaults.</summary>
    private IEnumerable<KeyValuePair<string, object?>> SessionVariables()
    {
        foreach (var name in new[] { EnterIamSandboxCommand.VariableName, "StoredAWSRegion", "StoredAWSCredentials" })
        {
            if (SessionState.PSVariable.GetValue(name) is { } value)
            {
                yield return new KeyValuePair<string, object?>(name, value);
            }
        }
    }

    /// <summary>This command's -Region and -EndpointUrl for every IamOps command in the block; in the caller's own account (no role assumed) its credentials too.</summary>
    private Hashtable? Defaults(bool ownAccount)
    {
        var defaults = new Hashtable(StringComparer.OrdinalIgnoreCase);
        void Pass(string name, object? value)
        {
            if (value is not null)
            {
                defaults["*-Iam*:" + name] = value;
            }
        }

        Pass(nameof(Region), Region);
        Pass(nameof(EndpointUrl), EndpointUrl);
        if (ownAccount)
        {
            Pass(nameof(ProfileName), ProfileName);
            Pass(nameof(ProfileLocation), ProfileLocation is null ? null : FileSystemPath(ProfileLocation));
            Pass(nameof(Credential), Credential);
            Pass(nameof(AccessKey), AccessKey);
            Pass(nameof(SecretKey), AccessKey is null ? null : SecretKey);
            Pass(nameof(SessionToken), AccessKey is null ? null : SessionToken);
        }

        return defaults.Count == 0 ? null : defaults;
    }

    /// <summary>-Confirm:$false, or $ConfirmPreference 'None': the block's commands do not ask either (a runspace cannot prompt).</summary>
    private bool ConfirmDeclined() =>
        MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)
            ? !((SwitchParameter)confirm).IsPresent
            : SessionState.PSVariable.GetValue("ConfirmPreference") is { } preference && SessionConnector.Unwrap(preference)?.ToString() == "None";

    private bool VerboseWanted() =>
        MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose)
            ? ((SwitchParameter)verbose).IsPresent
            : SessionState.PSVariable.GetValue("VerbosePreference") is { } preference && SessionConnector.Unwrap(preference)?.ToString() is "Continue" or "Inquire";
}
