using System.Management.Automation;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Connection;
using IamOps.Planning;
using IamOps.Sandbox;

namespace IamOps.Cmdlets;

/// <summary>
/// What every IamOps cmdlet shares: AWS.Tools' connection parameters, lazy connection resolution (once per distinct
/// set of values in a pipeline), waiting on async operations with Ctrl+C support, and uniform error records.
/// </summary>
public abstract class IamOpsCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _queuedVerbose = new();
    private IAwsConnection? _connection;
    private string? _connectionKey;
    private string? _secretKeyGivenAsArgument;
    private bool _credentialGivenAsNull;
    private (IAwsConnection Connection, AccountContext Account)? _account;

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
            var key = SessionConnector.KeyOf(parameters);
            if (_connection is null || !string.Equals(key, _connectionKey, StringComparison.Ordinal))
            {
                _connection = ConnectWith(parameters);
                _connectionKey = key;
                WriteVerbose("Connection: " + _connection.Description);
            }

            return _connection;
        }
    }

    /// <summary>Remembers the arguments bound before any pipeline input, to tell them from values bound by property name.</summary>
    protected override void BeginProcessing()
    {
        _secretKeyGivenAsArgument = SecretKey;
        _credentialGivenAsNull = MyInvocation.BoundParameters.ContainsKey(nameof(Credential)) && SessionConnector.Unwrap(Credential) is null;
    }

    /// <summary>The sandbox this session works in, or null when it works on AWS.</summary>
    protected ISandbox? Sandbox => Connector.Sandbox;

    /// <summary>A connection with other keys (e.g. fresh role credentials) to the same place as <see cref="Connection"/>.</summary>
    protected IAwsConnection ConnectAs(string accessKey, string secretKey, string? sessionToken) =>
        ConnectWith(new ConnectionParameters { Region = Region, AccessKey = accessKey, SecretKey = secretKey, SessionToken = sessionToken, EndpointUrl = EndpointUrl });

    private SessionConnector Connector => new(SessionState.PSVariable.GetValue);

    private IAwsConnection ConnectWith(ConnectionParameters parameters) => Connector.Connect(parameters);

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    /// <summary>
    /// Waits for an async operation on the pipeline thread, writing the verbose messages it queued with
    /// <see cref="WriteVerboseLater"/> as they come; Ctrl+C cancels it.
    /// </summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> operation)
    {
        try
        {
            // WaitAny does not throw for a failed task and, unlike AsyncWaitHandle, makes no kernel event per call.
            var task = Task.Run(() => operation(_stopping.Token), _stopping.Token);
            var waiting = new Task[] { task };
            while (Task.WaitAny(waiting, 100) < 0)
            {
                WriteQueuedVerbose();
            }

            WriteQueuedVerbose();
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>A verbose message from an operation running inside <see cref="Await{T}"/>, on any thread; written from the pipeline thread.</summary>
    protected void WriteVerboseLater(string message) => _queuedVerbose.Enqueue(message);

    private void WriteQueuedVerbose()
    {
        while (_queuedVerbose.TryDequeue(out var message))
        {
            WriteVerbose(message);
        }
    }

    /// <summary>Waits for an async operation that returns nothing; Ctrl+C cancels it.</summary>
    protected void Await(Func<CancellationToken, Task> operation) =>
        Await<bool>(async token =>
        {
            await operation(token).ConfigureAwait(false);
            return true;
        });

    /// <summary>
    /// Applies one planned change under ShouldProcess (so -WhatIf and -Confirm work per change); a failure is returned,
    /// not thrown, so the caller reports it and stops the plan. High-impact changes are also announced as warnings.
    /// </summary>
    protected AppliedChange ApplyChange(PlannedChange change)
    {
        if (!ShouldProcess(change.Target, change.Description))
        {
            return new AppliedChange(change, ChangeOutcome.Skipped);
        }

        if (change.Impact == ChangeImpact.High)
        {
            WriteWarning($"{change.Description} {change.Target}: {change.Reason}.");
        }

        var result = Await(token => ChangeRunner.RunAsync(change, token));
        if (result.Outcome == ChangeOutcome.Applied)
        {
            WriteVerbose($"Done: {change.Description} {change.Target}.");
        }

        return result;
    }

    /// <summary>Applies a plan's changes in order; after a failure the rest are not attempted, as they may build on it.</summary>
    protected IReadOnlyList<AppliedChange> ApplyChanges(IEnumerable<PlannedChange> changes)
    {
        var applied = new List<AppliedChange>();
        var halted = false;
        foreach (var change in changes)
        {
            var result = halted ? new AppliedChange(change, ChangeOutcome.NotAttempted) : ApplyChange(change);
            halted |= result.Outcome == ChangeOutcome.Failed;
            applied.Add(result);
        }

        return applied;
    }

    /// <summary>
    /// Writes a plan's warnings, then applies its changes; the applied changes, or null when one failed (its error is
    /// written, naming <paramref name="subject"/>, and the caller writes no result for this item).
    /// </summary>
    protected IReadOnlyList<AppliedChange>? ApplyPlan(IEnumerable<string> warnings, IEnumerable<PlannedChange> changes, string subject, object? target)
    {
        foreach (var warning in warnings)
        {
            WriteWarning(warning);
        }

        var applied = ApplyChanges(changes);
        if (PlanFailure.Explain(applied, subject, target) is { } failed)
        {
            WriteFailure(failed);
            return null;
        }

        return applied;
    }

    /// <summary>The account <see cref="Connection"/> points at (id, partition, alias), read once per connection.</summary>
    protected AccountContext Account
    {
        get
        {
            var connection = Connection;
            if (_account is not { } known || !ReferenceEquals(known.Connection, connection))
            {
                _account = (connection, Await(token => AccountContext.LoadAsync(connection, token)));
            }

            return _account.Value.Account;
        }
    }

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

    /// <summary>A path as PowerShell means it: relative to the current location (Set-Location), not the process's directory.</summary>
    protected string FileSystemPath(string path)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or PSArgumentException or PSInvalidOperationException)
        {
            throw new IamOpsException("FilePathInvalid", FailureKind.InvalidArgument, $"'{path}' is not a usable file path: {ex.Message}", path, ex);
        }

        return provider.Name == "FileSystem"
            ? resolved
            : throw new IamOpsException("FilePathInvalid", FailureKind.InvalidArgument, $"'{path}' is on the {provider.Name} provider; give a path on the file system.", path);
    }

    /// <summary>Writes a non-terminating error record for one failed item; the pipeline goes on.</summary>
    protected void WriteFailure(IamOpsException failure, object? target = null) => WriteError(ToErrorRecord(failure, target));

    /// <summary>Ends the command: the whole call cannot proceed.</summary>
    protected void ThrowFailure(IamOpsException failure, object? target = null) => ThrowTerminatingError(ToErrorRecord(failure, target));

    /// <summary>
    /// Ends the command and the script running it, as a <c>throw</c> statement does: with the default
    /// $ErrorActionPreference the script stops and <c>pwsh -File</c> exits non-zero, and try/catch still catches it.
    /// For gates (Test-IamPolicy -FailOn), where a statement-terminating error would let a CI script go on and pass.
    /// </summary>
    protected void ThrowScriptTerminating(IamOpsException failure, object? target = null)
    {
        var category = Enum.TryParse<ErrorCategory>(failure.Kind.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
        var record = new ErrorRecord(failure, failure.ErrorId + "," + GetType().FullName, category, target ?? failure.Target);
        throw new RuntimeException(failure.Message, failure, record) { WasThrownFromThrowStatement = true };
    }

    protected override void StopProcessing() => _stopping.Cancel();

    internal static ErrorRecord ToErrorRecord(IamOpsException failure, object? target)
    {
        var category = Enum.TryParse<ErrorCategory>(failure.Kind.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
        return new ErrorRecord(failure, failure.ErrorId, category, target ?? failure.Target);
    }

    /// <summary>
    /// A secret key that arrived by property name without an access key belongs to an output object such as a new
    /// developer's (SecretAccessKey), not to the caller's credentials: it is ignored, so the command keeps running as the caller.
    /// </summary>
    private string? SecretKeyInEffect => AccessKey is null && !string.Equals(SecretKey, _secretKeyGivenAsArgument, StringComparison.Ordinal) ? null : SecretKey;
}
