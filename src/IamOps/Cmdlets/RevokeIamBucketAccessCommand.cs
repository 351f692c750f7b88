using System.Management.Automation;
using IamOps.BucketAccess;
using IamOps.Principals;

namespace IamOps.Cmdlets;

/// <summary>Takes back exactly what Grant-IamBucketAccess gave a user, group or role on one bucket (or one prefix of it).</summary>
[Cmdlet(VerbsSecurity.Revoke, "IamBucketAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BucketAccessResult))]
public sealed class RevokeIamBucketAccessCommand : BucketAccessCmdlet
{
    private const string InputObjectSet = "InputObject";

    /// <summary>A Grant-IamBucketAccess result: revokes that grant's principal, bucket and prefix.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public BucketAccessResult? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        BucketRevokeRequest request;
        try
        {
            request = InputObject is { } granted
                ? new BucketRevokeRequest { Principal = new PrincipalTarget(granted.PrincipalType, granted.PrincipalName), BucketName = granted.BucketName, Prefix = granted.Prefix is null ? null : ObjectPrefix.Normalize(granted.Prefix) }
                : new BucketRevokeRequest { Principal = Principal(), BucketName = BucketName, Prefix = string.IsNullOrWhiteSpace(Prefix) ? null : ObjectPrefix.Normalize(Prefix) };
            BucketRevokePlanner.Validate(request);
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
            Await(token => BucketAccessChanges.RevokeAsync(connection, account, request, Callbacks(), WriteObjectLater, WriteVerboseLater, token));
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }
}
