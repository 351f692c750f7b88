using System.Collections;
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

    private PolicyTest? _test;

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

    private PolicyTest Test => _test ??= new PolicyTest(new PolicyTestSettings
    {
        Lint = new PolicyValidationOptions { PolicyType = PolicyType, AttachedTo = AttachedTo },
        Question = new DecisionParameters
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
        },
        ToJson = PolicyInput.ToJson,
        AsList = PolicyInput.AsList,
        FailOn = FailOn ?? FindingSeverity.Error,
    });

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
            case PathSet:
                Write(Test.AddFiles(Path, path => ProviderPaths.PolicyFiles(SessionState, path)));
                return;
            default:
                Write(Test.AddDocuments(PolicyDocument));
                return;
        }
    }

    protected override void EndProcessing()
    {
        if (Test.NothingToCheck(ParameterSetName == DocumentSet) is { } nothing)
        {
            ThrowFailure(nothing);
        }

        if (ParameterSetName is DocumentSet or PathSet && Test.ReadyToDecide)
        {
            try
            {
                // The connection is resolved here, on the pipeline thread: resolving it writes to the verbose stream.
                var iam = Remote ? Connection.Iam : null;
                Write(Await(token => Test.DecideDocumentsAsync(iam, token)));
            }
            catch (IamOpsException failure)
            {
                ThrowFailure(failure);
            }
        }

        if (Quiet)
        {
            WriteObject(Test.Gate.Passed);
        }
        else if (FailOn is not null && Test.Gate.Failure() is { } failed)
        {
            // After every finding is written: a gate must fail the CI step whatever the script's error preference.
            ThrowScriptTerminating(failed);
        }
    }

    private void DecideFor(IdentityKind kind, string name)
    {
        try
        {
            Test.PrepareForPrincipals(() => Connection.Iam);
            Write(Await(token => Test.DecideForAsync(kind, name, Remote, token)));
        }
        catch (IamOpsException failure)
        {
            Write(new[] { Test.Unreadable(failure, name) });
        }
    }

    private void Write(IEnumerable<PolicyCheckEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Failure is not null)
            {
                WriteFailure(entry.Failure, entry.Target);
            }
            else if (!Quiet)
            {
                WriteObject(entry.Result);
            }
        }
    }
}
