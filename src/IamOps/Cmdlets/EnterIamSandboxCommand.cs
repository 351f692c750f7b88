using System.Management.Automation;
using IamOps.Sandbox;

namespace IamOps.Cmdlets;

/// <summary>Points this session's IamOps cmdlets at a simulated account, in memory or saved to a state file.</summary>
[Cmdlet(VerbsCommon.Enter, "IamSandbox")]
[OutputType(typeof(SandboxInfo))]
public sealed class EnterIamSandboxCommand : PSCmdlet
{
    /// <summary>The session variable that holds the sandbox; IamOps cmdlets look for it before resolving AWS.</summary>
    internal const string VariableName = "IamOpsSandbox";

    [Parameter(Position = 0)]
    public string? Path { get; set; }

    [Parameter]
    [ValidatePattern(@"^\d{12}$")]
    public string? AccountId { get; set; }

    /// <summary>
    /// Makes the sandbox an organization: a management account (the session's default account, -AccountId) and this many
    /// member accounts, each with OrganizationAccountAccessRole trusting the management account. With -Path it is saved
    /// there (each account in a file beside it) and reloaded on the next Enter-IamSandbox -Path.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 500)]
    public int? MemberAccount { get; set; }

    /// <summary>S3 buckets the account owns, created if missing (and saved with -Path): the buckets grant scenarios need.</summary>
    [Parameter]
    [Alias("Bucket")]
    public string[]? BucketName { get; set; }

    /// <summary>The region of the buckets -BucketName creates.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidatePattern(@"^[a-z]{2}(-[a-z]+)+-\d$")]
    public string BucketRegion { get; set; } = "us-east-1";

    /// <summary>Running EC2 instances to create if missing, for Grant-IamRoleAssume -InstanceId.</summary>
    [Parameter]
    public string[]? InstanceId { get; set; }

    protected override void EndProcessing()
    {
        try
        {
            var buckets = (BucketName ?? Array.Empty<string>()).SelectMany(b => (b ?? string.Empty).Split(',')).Select(b => b.Trim()).Where(b => b.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            foreach (var bucket in buckets)
            {
                BucketAccess.S3BucketNames.Check(bucket);
            }

            var instances = (InstanceId ?? Array.Empty<string>()).SelectMany(i => (i ?? string.Empty).Split(',')).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            foreach (var id in instances.Where(i => !System.Text.RegularExpressions.Regex.IsMatch(i, "^i-([0-9a-f]{8}|[0-9a-f]{17})$")))
            {
                throw new IamOpsException("InstanceIdInvalid", FailureKind.InvalidArgument, $"-InstanceId '{id}' is not an EC2 instance id (i- followed by 8 or 17 lowercase hex digits, e.g. i-0123456789abcdef0).", id);
            }

            var path = Path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var previous = SessionConnector.Unwrap(SessionState.PSVariable.GetValue(VariableName)) as ISandbox;
            var sandbox = MemberAccount is { } members ? SandboxLoader.OpenOrganization(path, AccountId, members) : SandboxLoader.Open(path, AccountId);
            if (buckets.Count > 0)
            {
                sandbox.AddBuckets(buckets, BucketRegion);
            }

            if (instances.Count > 0)
            {
                sandbox.AddInstances(instances);
            }

            SessionState.PSVariable.Set(new PSVariable(VariableName, sandbox, ScopedItemOptions.None) { Description = "The IamOps sandbox this session works on (Exit-IamSandbox leaves it)." });
            if (previous is not null)
            {
                WriteWarning($"This session was already in sandbox account {previous.AccountId} ({Describe(previous)}). IamOps cmdlets now work on sandbox account {sandbox.AccountId} ({Describe(sandbox)}); Enter-IamSandbox{(previous.StatePath is null ? string.Empty : " -Path '" + previous.StatePath + "'")} goes back{(previous.StatePath is null ? ", but an in-memory account is gone once left" : string.Empty)}.");
            }

            WriteObject(new SandboxInfo(sandbox.AccountId, sandbox.StatePath, sandbox.MemberAccountIds));
        }
        catch (IamOpsException failure)
        {
            ThrowTerminatingError(ErrorRecords.From(failure, Path));
        }
    }

    private static string Describe(ISandbox sandbox) => sandbox.StatePath is null ? "in memory" : "state file " + sandbox.StatePath;
}
