using System.Management.Automation;
using IamOps.BucketAccess;
using IamOps.Planning;
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
            var plan = Await(token => new BucketRevokePlanner(Connection, account).PlanAsync(request, token));
            foreach (var warning in plan.Warnings)
            {
                WriteWarning(warning);
            }

            if (plan.Policies.Count == 0)
            {
                WriteVerbose($"{request.Principal} holds no IamOps grant on s3://{request.BucketName}/{request.Prefix}; nothing to revoke.");
                WriteObject(BucketAccessResult.FromRevoke(plan, null, account.AccountId, BucketAccessStatus.Unchanged, Array.Empty<string>()));
                return;
            }

            foreach (var policy in plan.Policies)
            {
                if (ApplyPlan(Array.Empty<string>(), policy.Changes, request.Principal.ToString(), request.Principal.Name) is not { } applied)
                {
                    return;
                }

                var status = applied.Count == 0 ? BucketAccessStatus.Unchanged
                    : applied.Any(a => a.Outcome == ChangeOutcome.Skipped) ? BucketAccessStatus.WouldChange
                    : BucketAccessStatus.Removed;
                WriteObject(BucketAccessResult.FromRevoke(plan, policy, account.AccountId, status, applied.Select(a => a.ToString()).ToList()));
            }
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }
}
