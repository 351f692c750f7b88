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

    /// <summary>Policy JSON text, or a hashtable or object serialized to JSON; with -Action, the identity policies.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = DocumentSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Document")]
    [AllowNull]
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

    [Parameter]
    public object[]? ServiceControlPolicy { get; set; }

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
        if (Deciding && ParameterSetName is DocumentSet or PathSet && _policies.Count > 0)
        {
            try
            {
                var question = Question() with { IdentityPolicies = _policies };
                // The connection is resolved here, on the pipeline thread: resolving it writes to the verbose stream.
                var iam = Remote ? Connection.Iam : null;
                var decisions = iam is not null ? Await(token => RemoteSimulation.SimulateCustomAsync(iam, question, token)) : LocalDecider.Decide(question);
                WriteDecisions(decisions);
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
            WriteDecisions(Await(token => _principals.DecideAsync(kind, name.Trim(), question, Remote, token)));
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
    private DecisionRequest Question() => _question ??= new DecisionRequest
    {
        PrincipalArn = PrincipalArn is null ? DecisionRequest.DefaultPrincipalArn : DecisionRequest.CheckPrincipalArn(PrincipalArn.Trim()),
        Actions = ActionExpansion.Expand(Action ?? Array.Empty<string>(), ActionCatalog.Default),
        Resources = Resource,
        Context = PolicyInput.ToContext(Context),
        PermissionsBoundary = Parameter(PermissionsBoundary, nameof(PermissionsBoundary)),
        SessionPolicy = Parameter(SessionPolicy, nameof(SessionPolicy)),
        ResourcePolicy = Parameter(ResourcePolicy, nameof(ResourcePolicy)),
        ServiceControlPolicies = (ServiceControlPolicy ?? Array.Empty<object>()).Select((p, i) => Parameter(p, $"{nameof(ServiceControlPolicy)}[{i}]")!).ToList(),
    };

    private static SourcedPolicy? Parameter(object? value, string source) =>
        value is null ? null : SourcedPolicy.FromJson(source, PolicyInput.ToJson(value, source));

    private void WriteDecisions(IEnumerable<PolicyCheckDecision> decisions)
    {
        foreach (var decision in decisions)
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
