using System.Management.Automation;
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
    private IAwsConnection? _connection;
    private string? _connectionKey;

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
    [Alias("AK", "AccessKeyId")]
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
            var parameters = new ConnectionParameters
            {
                ProfileName = ProfileName,
                ProfileLocation = ProfileLocation,
                Region = Region,
                Credential = AsShape(Credential),
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                EndpointUrl = EndpointUrl,
            };
            var key = string.Join("\n", ProfileName, ProfileLocation, Region, AccessKey, SecretKey, SessionToken, EndpointUrl)
                + "\n" + (parameters.Credential is null ? string.Empty : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(parameters.Credential).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (_connection is null || !string.Equals(key, _connectionKey, StringComparison.Ordinal))
            {
                var sandbox = Unwrap(SessionState.PSVariable.GetValue(EnterIamSandboxCommand.VariableName)) as ISandbox ?? SandboxLoader.FromEnvironmentVariable();
                if (sandbox is not null)
                {
                    _connection = sandbox.Connect(AccessKey, SecretKey, SessionToken);
                    _connectionKey = key;
                    WriteVerbose("Connection: " + _connection.Description);
                    return _connection;
                }

                var session = new SessionDefaults
                {
                    StoredRegion = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion")),
                    StoredCredentials = Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")),
                };
                var resolved = new ConnectionResolver().Resolve(parameters, session);
                _connection = AwsConnection.For(resolved);
                _connectionKey = key;
                WriteVerbose("Connection: " + _connection.Description);
            }

            return _connection;
        }
    }

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    /// <summary>Waits for an async operation on the pipeline thread; Ctrl+C cancels it.</summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> operation)
    {
        try
        {
            return Task.Run(() => operation(_stopping.Token), _stopping.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
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

    /// <summary>Writes a non-terminating error record for one failed item; the pipeline goes on.</summary>
    protected void WriteFailure(IamOpsException failure, object? target = null) => WriteError(ToErrorRecord(failure, target));

    /// <summary>Ends the command: the whole call cannot proceed.</summary>
    protected void ThrowFailure(IamOpsException failure, object? target = null) => ThrowTerminatingError(ToErrorRecord(failure, target));

    protected override void StopProcessing() => _stopping.Cancel();

    internal static ErrorRecord ToErrorRecord(IamOpsException failure, object? target)
    {
        var category = Enum.TryParse<ErrorCategory>(failure.Kind.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
        return new ErrorRecord(failure, failure.ErrorId, category, target ?? failure.Target);
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>A PSCustomObject's properties as a dictionary, so plain classes can read its shape; other objects unwrapped.</summary>
    private static object? AsShape(object? value) => value switch
    {
        PSObject { BaseObject: PSCustomObject } custom => custom.Properties.ToDictionary(p => p.Name, p => Unwrap(p.Value), StringComparer.OrdinalIgnoreCase),
        _ => Unwrap(value),
    };
}
