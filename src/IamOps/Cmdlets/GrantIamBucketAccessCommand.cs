using System.Management.Automation;
using IamOps.BucketAccess;
using IamOps.Roles;

namespace IamOps.Cmdlets;

/// <summary>Grants a user, group or role least-privilege access to one S3 bucket (optionally one prefix), idempotently.</summary>
[Cmdlet(VerbsSecurity.Grant, "IamBucketAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BucketAccessResult))]
public sealed class GrantIamBucketAccessCommand : BucketAccessCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EnumFromText(typeof(BucketAccessLevel))]
    public BucketAccessLevel Access { get; set; } = BucketAccessLevel.Read;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter AllowDelete { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? KmsKeyArn { get; set; }

    [Parameter]
    public SwitchParameter AsManagedPolicy { get; set; }

    [Parameter(ParameterSetName = RoleSet)]
    public string[]? TrustService { get; set; }

    [Parameter]
    public SwitchParameter Strict { get; set; }

    protected override void ProcessRecord()
    {
        BucketGrantRequest request;
        try
        {
            request = new BucketGrantRequest
            {
                Principal = Principal(),
                Grant = new BucketGrant
                {
                    BucketName = BucketName,
                    Prefix = ObjectPrefix.Normalize(Prefix),
                    Access = Access,
                    AllowDelete = AllowDelete,
                    KmsKeyArn = string.IsNullOrWhiteSpace(KmsKeyArn) ? null : KmsKeyArn!.Trim(),
                },
                AsManagedPolicy = AsManagedPolicy,
                TrustServices = (TrustService ?? Array.Empty<string>()).Select(TrustPrincipal.Service).Distinct().ToList(),
                Strict = Strict,
            };
            BucketGrantPlanner.Validate(request);
        }
        catch (IamOpsException invalid)
        {
            WriteFailure(invalid);
            return;
        }

        var account = AccountOrStop();
        try
        {
            var connection = Connection;
            WriteObject(Await(token => BucketAccessChanges.GrantAsync(connection, account, request, Callbacks(), token)));
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }
}
