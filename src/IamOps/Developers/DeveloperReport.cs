using IamOps.Accounts;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Developers;

/// <summary>Turns a developer's outcome into the result object: status, changes, and the secrets created now.</summary>
public static class DeveloperReport
{
    /// <param name="account">The account worked on; null when no row got as far as connecting (every row was rejected).</param>
    public static DeveloperResult ToResult(AccountContext? account, DeveloperOutcome outcome, IReadOnlyList<PlannedChange> approved)
    {
        var plan = outcome.Plan;
        var groups = outcome.GroupChanges;
        var status = outcome.Failure is not null ? DeveloperStatus.Failed
            : (plan is null || plan.Changes.Count == 0) && groups.Count == 0 ? DeveloperStatus.Unchanged
            : (plan is not null && approved.Count < plan.Changes.Count) || groups.Any(g => g.Outcome == ChangeOutcome.Skipped) ? DeveloperStatus.WouldChange
            : plan is null || plan.UserExists ? DeveloperStatus.Updated
            : DeveloperStatus.Created;
        var userChanges = outcome.Applied.Count > 0
            ? outcome.Applied.Select(a => a.ToString())
            : plan?.Changes.Where(c => !approved.Contains(c)).Select(c => new AppliedChange(c, ChangeOutcome.Skipped).ToString()) ?? Enumerable.Empty<string>();
        var changes = groups.Select(g => g.ToString()).Concat(userChanges);
        if (outcome.Failure is not null && plan is null && groups.Count == 0)
        {
            // Rejected before any change (bad row, missing group, unreadable state): the reason travels with the result.
            changes = new[] { "Not onboarded: " + outcome.Failure.Message };
        }

        return new DeveloperResult
        {
            Account = account?.AccountId ?? string.Empty,
            UserName = outcome.Request.UserName,
            Arn = plan?.Arn,
            Status = status,
            Changes = changes.ToList(),
            Groups = plan?.GroupsAfter ?? Array.Empty<string>(),
            ConsoleSignInUrl = account?.ConsoleSignInUrl ?? string.Empty,
            InitialPassword = plan?.Password is null ? null : SecretText.ToSecureString(plan.Password),
            AccessKeyId = plan?.NewAccessKey?.AccessKeyId,
            SecretAccessKey = plan?.NewAccessKey is null ? null : SecretText.ToSecureString(plan.NewAccessKey.SecretAccessKey),
            MfaSerialNumber = plan?.MfaDevice?.SerialNumber ?? plan?.MfaSerialNumber,
            MfaSeed = plan?.MfaDevice is null ? null : SecretText.ToSecureString(plan.MfaDevice.Base32StringSeed),
            MfaOtpAuthUri = plan?.MfaDevice is null || account is null ? null : SecretText.ToSecureString(MfaEnrollment.OtpAuthUri(plan.MfaDevice, outcome.Request.UserName, account)),
            MfaEnabled = plan is not null && (plan.MfaEnabled || plan.MfaWasEnabled),
        };
    }

    /// <summary>The credential CSV row for a developer who got a password or access key now; null otherwise.</summary>
    public static CredentialRow? CredentialRow(AccountContext account, DeveloperOutcome outcome) =>
        outcome.Plan is { } plan && (plan.Password is not null || plan.NewAccessKey is not null)
            ? new CredentialRow(outcome.Request.UserName, plan.Password, plan.NewAccessKey?.AccessKeyId, plan.NewAccessKey?.SecretAccessKey, account.ConsoleSignInUrl)
            : null;
}
