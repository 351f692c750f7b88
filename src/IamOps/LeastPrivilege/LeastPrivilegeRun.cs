using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.LeastPrivilege;

/// <summary>
/// New-IamLeastPrivilegePolicy's one entry point: builds the proposal from Access Advisor's report and, with -Apply,
/// plans and applies writing it (each change under the caller's ShouldProcess, so -WhatIf writes nothing).
/// </summary>
public static class LeastPrivilegeRun
{
    /// <param name="report">The entity's ACTION_LEVEL last-accessed report (completed).</param>
    /// <param name="targetArn">The user's or role's ARN.</param>
    public static async Task<LeastPrivilegeProposal> RunAsync(
        IIam iam, AccountContext account, LeastPrivilegeRequest request, ServiceLastAccessedReport report, string targetArn, DateTime utcNow,
        ApplyCallbacks callbacks, CancellationToken cancellationToken)
    {
        LeastPrivilegeRequest.Validate(request);
        var granted = await GrantedPolicyReader.ReadAsync(iam, request.Kind, request.Name, cancellationToken).ConfigureAwait(false);
        var proposal = LeastPrivilegePolicyBuilder.Build(report, request.Days, utcNow, granted) with
        {
            TargetName = request.Name,
            TargetKind = request.Kind.ToString(),
            TargetArn = targetArn,
            PolicyName = request.PolicyName,
            PolicyArn = request.PolicyName is null ? null : account.PolicyArn(request.PolicyName),
        };
        if (!request.Apply)
        {
            return proposal;
        }

        if (proposal.Document is null)
        {
            throw new IamOpsException("NothingUsed", FailureKind.InvalidOperation,
                $"The {request.Describe()} used none of its {proposal.GrantedServices.Count} granted services in the last {request.Days} days, so there is no policy to write. Widen -Days, or remove its permissions instead.", request.Name);
        }

        if (proposal.Findings.FirstOrDefault(f => f.Severity == Policy.FindingSeverity.Error) is { } error)
        {
            throw new IamOpsException("ProposalInvalid", FailureKind.InvalidData,
                $"The proposal for {request.Describe()} has an error IAM would refuse ({error.CheckId}: {error.Message}); nothing was written.", request.Name);
        }

        var changes = await LeastPrivilegePlanner.PlanAsync(iam, account, request.PolicyName!, request.Description, proposal.Document, cancellationToken).ConfigureAwait(false);
        if (changes.Count == 0)
        {
            return proposal with { Status = LeastPrivilegeStatus.Unchanged };
        }

        var applied = await new PlanApplier(callbacks).ApplyPlanAsync(Array.Empty<string>(), changes, "policy " + request.PolicyName, request.PolicyName, cancellationToken).ConfigureAwait(false);
        var status = applied.All(a => a.Outcome == ChangeOutcome.Applied)
            ? changes.Any(c => c.Kind == ChangeKind.Create) ? LeastPrivilegeStatus.Created : LeastPrivilegeStatus.Updated
            : LeastPrivilegeStatus.NotApplied;
        return proposal with { Status = status, Changes = applied.Select(a => a.ToString()).ToList() };
    }
}
