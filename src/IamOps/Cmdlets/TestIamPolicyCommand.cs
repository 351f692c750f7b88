using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using IamOps.Aws;
using IamOps.Policy;
using IamOps.PolicyCheck;

namespace IamOps.Cmdlets;

/// <summary>
/// Lints policy documents offline (findings), decides requests against them (decisions), or decides for a user, group
/// or role of the account; -Quiet and -FailOn turn either into a gate for CI.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "IamPolicy", DefaultParameterSetName = DocumentSet)]
[OutputType(typeof(PolicyCheckFinding), typeof(PolicyCheckDecision), typeof(bool))]
public sealed class TestIamPolicyCommand : IamOpsCmdlet
{
    private const string DocumentSet = "PolicyDocument";
    private const string PathSet = "Path";
    private const string UserSet = "UserName";
    private const string RoleSet = "RoleName";
    private const string GroupSet = "GroupName";

    private readonly List<SourcedPolicy> _policies = new();
    private PolicyCheckGate? _gate;
    private DecisionRequest? _question;
    private PrincipalDecider? _principals;
    private int _documentCount;
    private bool _inputFailed;

    /// <summary>Policy JSON text, or a hashtable or object serialized to JSON; with -Action, the identity policies (none: @()).</summary>
    [Parameter(Position = 0, ParameterSetName = DocumentSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Document")]
    [AllowNull]
    [AllowEmptyCollection]
    public object?[] PolicyDocument { get; set; } = Array.Empty<object?>();

    /// <summary>Policy files; wildcards are resolved by the provider.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
    [UserNameCompletion]
    [ValidateNotNullOrEmpty]
    public string UserName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = RoleSet, ValueFromPipelineByPropertyName = true)]
    [RoleNameCompletion]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = GroupSet, ValueFromPipelineByPropertyName = true)]
    [GroupNameCompletion]
    [ValidateNotNullOrEmpty]
    public string GroupName { get; set; } = string.Empty;

    [Parameter(ParameterSetName = DocumentSet)]
    [Parameter(ParameterSetName = PathSet)]
    public PolicyType PolicyType { get; set; } = PolicyType.Identity;

    [Parameter(ParameterSetName = DocumentSet)]
    [Parameter(ParameterSetName = PathSet)]
    public IdentityAttachment AttachedTo { get; set; } = IdentityAttachment.Managed;

    /// <summary>Actions to decide; wildcards expand to every matching action in the catalog.</summary>
    [Parameter(ParameterSetName = DocumentSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(Mandatory = true, ParameterSetName = UserSet)]
    [Parameter(Mandatory = true, ParameterSetName = RoleSet)]
    [Parameter(Mandatory = true, ParameterSetName = GroupSet)]
    [ArgumentCompleter(typeof(ActionNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Action { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Resource { get; set; } = { "*" };

    [Parameter]
    public Hashtable? Context { get; set; }

    [Parameter(ParameterSetName = DocumentSet)]
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? PrincipalArn { get; set; }

    [Parameter(ParameterSetName = DocumentSet)]
    [Parameter(ParameterSetName = PathSet)]
    public object? PermissionsBoundary { get; set; }

    [Parameter]
    public object? SessionPolicy { get; set; }

    [Parameter]
    public object? ResourcePolicy { get; set; }

    /// <summary>The role's trust policy, for role resources (sts:AssumeRole and its kin).</summary>
    [Parameter]
    public object? TrustPolicy { get; set; }

    /// <summary>A flat list is one organization level (any SCP may allow); nested arrays are levels, root first.</summary>
    [Parameter]
    public object[]? ServiceControlPolicy { get; set; }

    /// <summary>Resource control policies of the resource's account: a flat list is one level; nested arrays are levels, root first.</summary>
    [Parameter]
    public object[]? ResourceControlPolicy { get; set; }

    /// <summary>The account that owns the resource when its ARN has none (S3 buckets).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ResourceAccount { get; set; }

    /// <summary>The principal's tags, as aws:PrincipalTag/key.</summary>
    [Parameter(ParameterSetName = DocumentSet)]
    [Parameter(ParameterSetName = PathSet)]
    public Hashtable? PrincipalTag { get; set; }

    [Parameter]
    public SwitchParameter Remote { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    [Parameter]
    public FindingSeverity? FailOn { get; set; }

    private bool Deciding => Action is { Length: > 0 };

    private PolicyCheckGate Gate => _gate ??= new PolicyCheckGate(FailOn ?? FindingSeverity.Error);

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case UserSet:
                DecideFor(IdentityKind.User, UserName);
                return;
            case RoleSet:
                DecideFor(IdentityKind.Role, RoleName);
                return;
            case GroupSet:
                DecideFor(IdentityKind.Group, GroupName);
                return;
        }

        var added = ParameterSetName == PathSet ? ReadFiles() : ReadDocuments();
        _policies.AddRange(added);
        if (!Deciding)
        {
            var options = new PolicyValidationOptions { PolicyType = PolicyType, AttachedTo = AttachedTo };
            foreach (var finding in added.SelectMany(p => PolicyLinter.Lint(p, options)))
            {
                Gate.Record(finding);
                Write(finding);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (!Deciding && ParameterSetName == DocumentSet && _documentCount == 0)
        {
            ThrowFailure(new IamOpsException("PolicyDocumentMissing", FailureKind.InvalidArgument,
                "Nothing to check: give -PolicyDocument or -Path to lint, or -Action (with -ResourcePolicy, -TrustPolicy or -PolicyDocument @()) to decide."));
        }

        if (Deciding && ParameterSetName is DocumentSet or PathSet && !_inputFailed)
        {
            try
            {
                var question = Question() with { IdentityPolicies = _policies };
                // The connection is resolved here, on the pipeline thread: resolving it writes to the verbose stream.
                var iam = Remote ? Connection.Iam : null;
                WriteOutcome(iam is not null ? DecisionOutcome.Of(Await(token => RemoteSimulation.SimulateCustomAsync(iam, question, token))) : LocalDecider.Decide(question));
            }
            catch (IamOpsException failure)
            {
                ThrowFailure(failure);
            }
        }

        if (Quiet)
        {
            WriteObject(Gate.Passed);
        }
        else if (FailOn is not null && Gate.Failure() is { } failed)
        {
            // After every finding is written: a gate must fail the CI step whatever the script's error preference.
            ThrowScriptTerminating(failed);
        }
    }

    private void DecideFor(IdentityKind kind, string name)
    {
        try
        {
            var question = Question();
            _principals ??= new PrincipalDecider(Connection.Iam);
            WriteOutcome(Await(token => _principals.DecideAsync(kind, name.Trim(), question, Remote, token)));
        }
        catch (IamOpsException failure)
        {
            Gate.RecordUnreadableInput();
            WriteFailure(failure, name);
        }
    }

    private List<SourcedPolicy> ReadDocuments()
    {
        var read = new List<SourcedPolicy>();
        // -PolicyDocument $null binds a null array: one missing document, an error, never a gate passed on no input.
        foreach (var document in PolicyDocument ?? new object?[] { null })
        {
            var source = $"PolicyDocument[{_documentCount++}]";
            try
            {
                read.Add(SourcedPolicy.FromJson(source, PolicyInput.ToJson(document, source)));
            }
            catch (IamOpsException failure)
            {
                _inputFailed = true;
                Gate.RecordUnreadableInput();
                WriteFailure(failure, source);
            }
        }

        return read;
    }

    private List<SourcedPolicy> ReadFiles()
    {
        var read = new List<SourcedPolicy>();
        foreach (var path in Path)
        {
            try
            {
                read.AddRange(ResolveFiles(path).Select(PolicyFileReader.Read));
            }
            catch (IamOpsException failure)
            {
                _inputFailed = true;
                Gate.RecordUnreadableInput();
                WriteFailure(failure, path);
            }
        }

        return read;
    }

    private Collection<string> ResolveFiles(string path)
    {
        Collection<string> files;
        ProviderInfo provider;
        try
        {
            files = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
        }
        catch (Exception notFound) when (notFound is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or PSArgumentException)
        {
            throw new IamOpsException("PathNotFound", FailureKind.ObjectNotFound, $"No policy file matches '{path}': {notFound.Message} Check the path and the current location.", path, notFound);
        }

        if (provider.Name != "FileSystem")
        {
            throw new IamOpsException("PathNotFileSystem", FailureKind.InvalidArgument, $"'{path}' is on the {provider.Name} provider; policy files must be on the file system.", path);
        }

        return files.Count > 0 ? files : throw new IamOpsException("PathNotFound", FailureKind.ObjectNotFound, $"No policy file matches '{path}'. Check the pattern and the current location.", path);
    }

    /// <summary>Everything about the question except whose policies answer it, built once from the parameters.</summary>
    private DecisionRequest Question() => _question ??= DecisionQuestion.Build(new DecisionParameters
    {
        PrincipalArn = PrincipalArn,
        Actions = Action ?? Array.Empty<string>(),
        Resources = Resource,
        Context = PolicyInput.ToContext(Context),
        PrincipalTags = PolicyInput.ToContext(PrincipalTag),
        ResourceAccount = ResourceAccount,
        AttachedTo = ParameterSetName is UserSet or RoleSet or GroupSet ? IdentityAttachment.Role : AttachedTo,
        PermissionsBoundary = PermissionsBoundary,
        SessionPolicy = SessionPolicy,
        ResourcePolicy = ResourcePolicy,
        TrustPolicy = TrustPolicy,
        ServiceControlPolicy = ServiceControlPolicy,
        ResourceControlPolicy = ResourceControlPolicy,
    }, PolicyInput.ToJson, PolicyInput.AsList);

    private void WriteOutcome(DecisionOutcome outcome)
    {
        foreach (var failure in outcome.Failures)
        {
            Gate.RecordUnreadableInput();
            WriteFailure(failure, failure.Target);
        }

        foreach (var decision in outcome.Decisions)
        {
            Gate.Record(decision);
            Write(decision);
        }
    }

    private void Write(object result)
    {
        if (!Quiet)
        {
            WriteObject(result);
        }
    }
}
