using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using IamOps.Accounts;
using IamOps.Developers;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Cmdlets;

/// <summary>Onboards developers, one or a CSV's worth: user, console password, groups, tags, optional access key.</summary>
[Cmdlet(VerbsCommon.Add, "IamDeveloper", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(DeveloperResult))]
public sealed class AddIamDeveloperCommand : IamOpsCmdlet
{
    private readonly List<DeveloperRequest> _requests = new();
    private readonly List<InputRow> _rows = new();
    private bool _sawInput;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "User")]
    [UserNameCompletion]
    [AllowEmptyString]
    public string UserName { get; set; } = string.Empty;

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Group", "Groups")]
    [GroupNameCompletion]
    public string[]? GroupName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Path { get; set; }

    /// <summary>A hashtable, or CSV-friendly text 'key=value;key2=value2'.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Tags")]
    public object? Tag { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter ConsoleAccess { get; set; } = true;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter NoConsoleAccess { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter ProgrammaticAccess { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? PermissionsBoundary { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter ResetPassword { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter RotateAccessKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter DeleteOldAccessKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter CreateMissingGroup { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? GroupPolicyArn { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter ExactGroups { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter EnableVirtualMfa { get; set; }

    /// <summary>Two consecutive codes that enable the new virtual MFA device (one developer at a time).</summary>
    [Parameter]
    public string[]? MfaCode { get; set; }

    /// <summary>A folder for the new devices' QR codes, &lt;user&gt;-mfa.png each, owner-only.</summary>
    [Parameter]
    public string? MfaQrCodePath { get; set; }

    /// <summary>Access keys of the user to make Inactive (the key stays, so it can be re-activated).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? DeactivateAccessKey { get; set; }

    /// <summary>Access keys of the user to delete.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? DeleteAccessKey { get; set; }

    [Parameter]
    public string? CredentialFile { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void ProcessRecord()
    {
        _sawInput = true;
        // Counted from 1 among the objects that reached this command: for Import-Csv, the CSV's data row (header not counted).
        var row = _rows.Count + 1;
        var userName = (UserName ?? string.Empty).Trim();
        try
        {
            var request = new DeveloperRequest
            {
                UserName = userName,
                GroupNames = SplitList(GroupName) ?? new[] { "Developers" },
                Path = string.IsNullOrWhiteSpace(Path) ? null : Path,
                Tags = DeveloperTags.Parse(Tag is PSObject wrapped ? wrapped.BaseObject : Tag),
                ConsoleAccess = DeveloperPlanner.WantsConsoleAccess(MyInvocation.BoundParameters.ContainsKey(nameof(ConsoleAccess)) ? ConsoleAccess.IsPresent : null, NoConsoleAccess, userName),
                ProgrammaticAccess = ProgrammaticAccess,
                PermissionsBoundary = string.IsNullOrWhiteSpace(PermissionsBoundary) ? null : PermissionsBoundary,
                ResetPassword = ResetPassword,
                RotateAccessKey = RotateAccessKey,
                DeleteOldAccessKey = DeleteOldAccessKey,
                CreateMissingGroup = CreateMissingGroup,
                GroupPolicyArns = SplitList(GroupPolicyArn) ?? Array.Empty<string>(),
                ExactGroups = ExactGroups,
                EnableVirtualMfa = EnableVirtualMfa,
                MfaCodes = MfaCode ?? Array.Empty<string>(),
                DeactivateAccessKeyIds = SplitList(DeactivateAccessKey) ?? Array.Empty<string>(),
                DeleteAccessKeyIds = SplitList(DeleteAccessKey) ?? Array.Empty<string>(),
            };
            DeveloperPlanner.Validate(request);
            if (_requests.Any(r => string.Equals(r.UserName, request.UserName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new IamOpsException("UserNameDuplicate", FailureKind.InvalidArgument,
                    $"'{request.UserName}' appears more than once in this batch (IAM names are case-insensitive); only its first row is used.", request.UserName);
            }

            _requests.Add(request);
            _rows.Add(new InputRow(row, request, null));
        }
        catch (IamOpsException invalid)
        {
            // A bad row fails alone: its error names it, and it still gets a Failed result (written in input order at the end).
            var named = Named(invalid, row, userName);
            _rows.Add(new InputRow(row, new DeveloperRequest { UserName = userName }, named));
            WriteFailure(named, userName);
        }
    }

    /// <summary>The error of one row, naming it: by its position in the pipeline input when there is one, else by user name.</summary>
    private IamOpsException Named(IamOpsException failure, int row, string userName)
    {
        var name = userName.Length == 0 ? "(no user name)" : $"'{userName}'";
        var prefix = MyInvocation.ExpectingInput ? $"Row {row} ({name}): " : userName.Length == 0 ? string.Empty : name + ": ";
        return new IamOpsException(failure.ErrorId, failure.Kind, prefix + failure.Message, failure.Target ?? userName, failure);
    }

    protected override void EndProcessing()
    {
        if (_requests.Count == 0)
        {
            if (!_sawInput)
            {
                WriteFailure(new IamOpsException("NoDevelopers", FailureKind.InvalidArgument, "No developers were given: pipe objects with a UserName (e.g. Import-Csv team.csv) or pass -UserName."));
            }

            WriteResults(null, new List<(DeveloperOutcome, IReadOnlyList<PlannedChange>)>(), Array.Empty<DeveloperOutcome>());
            return;
        }

        try
        {
            if (CredentialFile is not null)
            {
                CredentialCsv.CheckWritable(FileSystemPath(CredentialFile), append: true, overwrite: false);
            }

            if (MfaCode is { Length: > 0 } && _requests.Count > 1)
            {
                throw new IamOpsException("MfaCodeInvalid", FailureKind.InvalidArgument, "-MfaCode enables the virtual MFA device of one developer: run it for a single -UserName.");
            }

            if (MfaQrCodePath is not null)
            {
                MfaQrCodeFiles.CheckWritable(FileSystemPath(MfaQrCodePath), _requests.Where(r => r.EnableVirtualMfa).Select(r => r.UserName).ToList(), _requests.Any(r => r.EnableVirtualMfa), overwrite: false);
            }

            Onboard();
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }

    private void Onboard()
    {
        var connection = Connection;
        var batch = new OnboardingBatch(connection, ThrottleLimit);
        var account = Await(token => AccountContext.LoadAsync(connection, token));
        var passwordPolicy = Await(batch.ReadPasswordPolicyAsync);
        var groups = Await(token => batch.PlanGroupsAsync(_requests, passwordPolicy, account.Partition, token));
        // A failed group change fails the rows that want the group (their results and errors say so).
        var groupChanges = groups.Changes.Select(ApplyChange).ToList();
        var planned = Await(token => batch.PlanUsersAsync(_requests, groups, passwordPolicy, token, groupChanges, account));
        var work = planned.Select(p => (Planned: p, Approved: (IReadOnlyList<PlannedChange>)(p.Plan?.Changes.Where(c => ShouldProcess(c.Target, c.Description)).ToList() ?? new List<PlannedChange>()))).ToList();

        var finished = new ConcurrentQueue<DeveloperOutcome>();
        var clock = Stopwatch.StartNew();
        var applying = Task.Run(() => batch.ApplyAsync(work, finished.Enqueue, StopToken), StopToken);
        var progress = new ProgressRecord(1, "Onboarding developers", "Starting");
        var done = 0;
        while (!applying.Wait(TimeSpan.FromMilliseconds(100)))
        {
            while (finished.TryDequeue(out _))
            {
                done++;
            }

            ReportProgress(progress, done, clock);
        }

        var outcomes = Await(_ => applying);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        WriteResults(account, work, outcomes);
    }

    private void ReportProgress(ProgressRecord progress, int done, Stopwatch clock)
    {
        progress.StatusDescription = $"{done} of {_requests.Count} developers";
        progress.PercentComplete = (int)(100.0 * done / _requests.Count);
        progress.SecondsRemaining = done == 0 ? -1 : (int)(clock.Elapsed.TotalSeconds / done * (_requests.Count - done));
        WriteProgress(progress);
    }

    /// <summary>One result per input row in input order, rejected rows included; secrets go to -CredentialFile; a summary in the verbose stream.</summary>
    private void WriteResults(AccountContext? account, List<(DeveloperOutcome Planned, IReadOnlyList<PlannedChange> Approved)> work, IReadOnlyList<DeveloperOutcome> outcomes)
    {
        var credentialRows = new List<CredentialRow>();
        var counts = new Dictionary<DeveloperStatus, int>();
        var next = 0;
        foreach (var input in _rows)
        {
            DeveloperResult result;
            if (input.Rejection is not null)
            {
                result = DeveloperReport.ToResult(account, DeveloperOutcome.Rejected(input.Request, input.Rejection), Array.Empty<PlannedChange>());
            }
            else
            {
                var outcome = outcomes[next];
                result = DeveloperReport.ToResult(account, outcome, work[next].Approved);
                next++;
                if (outcome.Failure is not null)
                {
                    WriteFailure(Named(outcome.Failure, input.Row, outcome.Request.UserName), outcome.Request.UserName);
                }

                if (MfaQrCodePath is not null && outcome.Plan?.MfaDevice is { QrCodePng.Length: > 0 } device)
                {
                    try
                    {
                        MfaQrCodeFiles.Write(MfaQrCodeFiles.PathFor(FileSystemPath(MfaQrCodePath), outcome.Request.UserName), device.QrCodePng, overwrite: false);
                    }
                    catch (IamOpsException notWritten)
                    {
                        WriteFailure(notWritten, outcome.Request.UserName);
                    }
                }

                if (account is not null && DeveloperReport.CredentialRow(account, outcome) is { } credentials)
                {
                    credentialRows.Add(credentials);
                }
            }

            counts[result.Status] = counts.TryGetValue(result.Status, out var n) ? n + 1 : 1;
            WriteObject(result);
        }

        if (CredentialFile is not null && credentialRows.Count > 0)
        {
            CredentialCsv.Write(FileSystemPath(CredentialFile), credentialRows, append: true, overwrite: false);
        }

        WriteVerbose("Developers: " + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key}")) + (credentialRows.Count > 0 && CredentialFile is not null ? $"; {credentialRows.Count} credential row(s) appended to {CredentialFile}" : string.Empty) + ".");
    }

    /// <summary>One pipeline input as it arrived: its position, and the reason it was rejected before any call, if it was.</summary>
    private sealed record InputRow(int Row, DeveloperRequest Request, IamOpsException? Rejection);

    /// <summary>CSV cells carry lists as 'a;b' or 'a,b'.</summary>
    private static string[]? SplitList(string[]? values) =>
        values?.SelectMany(v => (v ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)).Select(v => v.Trim()).Where(v => v.Length > 0).ToArray() is { Length: > 0 } list ? list : null;
}
