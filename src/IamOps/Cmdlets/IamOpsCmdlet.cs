using System.Management.Automation;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Connection;
using IamOps.Planning;
using IamOps.Sandbox;

namespace IamOps.Cmdlets;

/// <summary>
/// What every IamOps cmdlet shares, PowerShell plumbing only: AWS.Tools' connection parameters, the connection (via
/// <see cref="ConnectionCache"/>), waiting on async work (via <see cref="PipelineBridge"/>), the applier's callbacks
/// as ShouldProcess, warnings, verbose and progress, file system paths and error records.
/// </summary>
public abstract class IamOpsCmdlet : PSCmdlet
{
    private readonly PipelineBridge _bridge = new();
    private readonly ConnectionCache _connections = new();
    private string? _secretKeyGivenAsArgument;
    private bool _credentialGivenAsNull;

    /// <summary>A profile in the shared credentials/config files or the SDK store.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>The credentials file to read profiles from instead of ~/.aws/credentials.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    public string? ProfileLocation { get; set; }

    /// <summary>The region for regional services (STS, S3); IAM itself is global.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>An AWSCredentials object, from this or another module (bound by shape).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? Credential { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AK")]
    public string? AccessKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SK", "SecretAccessKey")]
    [SecureStringAsText]
    public string? SecretKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ST")]
    [SecureStringAsText]
    public string? SessionToken { get; set; }

    /// <summary>Send requests here instead of the service's AWS endpoint.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? EndpointUrl { get; set; }

    /// <summary>
    /// The account to work on, resolved from the connection parameters on first use and again only when a pipeline
    /// object brings different values.
    /// </summary>
    protected IAwsConnection Connection
    {
        get
        {
            if (_credentialGivenAsNull)
            {
                // Usually a property that does not exist ($session.Credentials): connecting as the default would hide it.
                throw new IamOpsException("CredentialNull", FailureKind.InvalidArgument,
                    "-Credential is $null, so the command would run as the default credentials instead. Pass the credentials object itself (e.g. the output of Invoke-IamRoleAssume), or leave out -Credential.");
            }

            var parameters = SessionConnector.Parameters(ProfileName, ProfileLocation is null ? null : FileSystemPath(ProfileLocation), Region, Credential, AccessKey, SecretKeyInEffect, SessionToken, EndpointUrl);
            return _connections.Get(SessionConnector.KeyOf(parameters), () => ConnectWith(parameters), connection => WriteVerbose("Connection: " + connection.Description));
        }
    }

    /// <summary>A connection that signs nothing, to the same region and endpoint: for STS calls whose proof is a token or SAML assertion.</summary>
    protected IAwsConnection AnonymousConnection
    {
        get
        {
            var parameters = new ConnectionParameters { Region = Region, EndpointUrl = EndpointUrl, Anonymous = true };
            return _connections.Get(SessionConnector.KeyOf(parameters), () => ConnectWith(parameters), connection => WriteVerbose("Connection: " + connection.Description));
        }
    }

    /// <summary>Remembers the arguments bound before any pipeline input, to tell them from values bound by property name.</summary>
    protected override void BeginProcessing()
    {
        _secretKeyGivenAsArgument = SecretKey;
        _credentialGivenAsNull = MyInvocation.BoundParameters.ContainsKey(nameof(Credential)) && SessionConnector.Unwrap(Credential) is null;
    }

    protected override void StopProcessing() => _bridge.Stop();

    /// <summary>The sandbox this session works in, or null when it works on AWS.</summary>
    protected ISandbox? Sandbox => Connector.Sandbox;

    /// <summary>A connection with other keys (e.g. fresh role credentials) to the same place as <see cref="Connection"/>.</summary>
    protected IAwsConnection ConnectAs(string accessKey, string secretKey, string? sessionToken) =>
        ConnectWith(new ConnectionParameters { Region = Region, AccessKey = accessKey, SecretKey = secretKey, SessionToken = sessionToken, EndpointUrl = EndpointUrl });

    private SessionConnector Connector => new(SessionState.PSVariable.GetValue);

    private IAwsConnection ConnectWith(ConnectionParameters parameters) => Connector.Connect(parameters);

    /// <summary>The account <see cref="Connection"/> points at (id, partition, alias), read once per connection.</summary>
    protected AccountContext Account => _connections.AccountOf(Connection, connection => Await(token => AccountContext.LoadAsync(connection, token)));

    /// <summary>The account, or the end of the command: without a connection no input can proceed.</summary>
    protected AccountContext AccountOrStop()
    {
        try
        {
            return Account;
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
            throw;
        }
    }

    /// <summary>Waits for async work on the pipeline thread, writing what it posts as it comes; Ctrl+C cancels it.</summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> operation) => _bridge.Run(operation);

    /// <summary>Waits for async work that returns nothing; Ctrl+C cancels it.</summary>
    protected void Await(Func<CancellationToken, Task> operation) =>
        _bridge.Run<bool>(async token =>
        {
            await operation(token).ConfigureAwait(false);
            return true;
        });

    /// <summary>A verbose message from work running inside <see cref="Await{T}"/>, on any thread; written from the pipeline thread.</summary>
    protected void WriteVerboseLater(string message) => _bridge.Post(() => WriteVerbose(message));

    /// <summary>An output object from work running inside <see cref="Await{T}"/>, on any thread; written from the pipeline thread.</summary>
    protected void WriteObjectLater(object output) => _bridge.Post(() => WriteObject(output));

    /// <summary>Runs <paramref name="question"/> (a prompt, a ShouldProcess) on the pipeline thread, from work running inside <see cref="Await{T}"/>.</summary>
    protected T AskOnPipelineThread<T>(Func<T> question) => _bridge.Ask(question);

    /// <summary>
    /// The applier's callbacks for this command: ShouldProcess per change (so -WhatIf and -Confirm work), high-impact
    /// changes announced as warnings, "Done" in the verbose stream, a batch's progress as a progress bar.
    /// </summary>
    protected ApplyCallbacks Callbacks(string progressActivity = "", string progressUnit = "") => new()
    {
        ShouldProcess = question => _bridge.Ask(() => question.Caption is null
            ? ShouldProcess(question.Target, question.Action)
            : ShouldProcess(question.Description, question.Warning, question.Caption)),
        Warning = warning => _bridge.Post(() => WriteWarning(warning)),
        Applying = change =>
        {
            if (change.Impact == ChangeImpact.High)
            {
                _bridge.Post(() => WriteWarning($"{change.Description} {change.Target}: {change.Reason}."));
            }
        },
        Applied = result =>
        {
            if (result.Outcome == ChangeOutcome.Applied)
            {
                _bridge.Post(() => WriteVerbose($"Done: {result.Change.Description} {result.Change.Target}."));
            }
        },
        Progress = progress => _bridge.Post(() => WriteProgress(new ProgressRecord(1, progressActivity, $"{progress.Done} of {progress.Total} {progressUnit}")
        {
            PercentComplete = progress.PercentComplete,
            SecondsRemaining = progress.SecondsRemaining,
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        })),
    };

    /// <summary>Applies one planned change under ShouldProcess; a failure is returned, not thrown.</summary>
    protected AppliedChange ApplyChange(PlannedChange change)
    {
        var applier = new PlanApplier(Callbacks());
        return Await(token => applier.ApplyOneAsync(change, token));
    }

    /// <summary>A path as PowerShell means it: relative to the current location (Set-Location), not the process's directory.</summary>
    protected string FileSystemPath(string path) => ProviderPaths.FileSystemPath(SessionState, path);

    /// <summary>Writes a non-terminating error record for one failed item; the pipeline goes on.</summary>
    protected void WriteFailure(IamOpsException failure, object? target = null) => WriteError(ErrorRecords.From(failure, target));

    /// <summary>Ends the command: the whole call cannot proceed.</summary>
    protected void ThrowFailure(IamOpsException failure, object? target = null) => ThrowTerminatingError(ErrorRecords.From(failure, target));

    /// <summary>Ends the command and the script running it, as a <c>throw</c> statement does (gates such as Test-IamPolicy -FailOn).</summary>
    protected void ThrowScriptTerminating(IamOpsException failure, object? target = null) => throw ErrorRecords.ScriptTerminating(failure, target, GetType());

    /// <summary>
    /// A secret key that arrived by property name without an access key belongs to an output object such as a new
    /// developer's (SecretAccessKey), not to the caller's credentials: it is ignored, so the command keeps running as the caller.
    /// </summary>
    private string? SecretKeyInEffect => AccessKey is null && !string.Equals(SecretKey, _secretKeyGivenAsArgument, StringComparison.Ordinal) ? null : SecretKey;
}
