using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Audit.StaleCredentials;

/// <summary>Turns a finding and its outcome into the result object; a new key's secret only as SecureString.</summary>
public static class StaleCredentialReport
{
    public static StaleCredentialResult ToResult(StaleCredentialFinding finding, AppliedChange outcome) => new()
    {
        UserName = finding.UserName,
        CredentialType = finding.CredentialType,
        Credential = finding.Credential,
        Action = finding.Action,
        Reason = finding.Reason,
        Status = outcome.Outcome switch
        {
            ChangeOutcome.Applied => StaleCredentialStatus.Changed,
            ChangeOutcome.Skipped => StaleCredentialStatus.WouldChange,
            ChangeOutcome.Failed => StaleCredentialStatus.Failed,
            _ => StaleCredentialStatus.NotAttempted,
        },
        Change = outcome.ToString(),
        CreateDate = finding.CreateDate,
        LastUsedDate = finding.LastUsedDate,
        AgeDays = finding.AgeDays,
        UnusedDays = finding.UnusedDays,
        NewAccessKeyId = finding.NewAccessKey?.AccessKeyId,
        NewSecretAccessKey = finding.NewAccessKey is { } key ? SecretText.ToSecureString(key.SecretAccessKey) : null,
    };
}
