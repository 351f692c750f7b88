using System.Globalization;
using IamOps.Aws;

namespace IamOps.RoleAssume;

/// <summary>Turns STS's terse AssumeRole failures into messages that say what went wrong and what to do.</summary>
public static class RoleAssumeFailures
{
    public static IamOpsException ChainingLimit(string roleArn, int duration) =>
        new("RoleChainingDurationExceeded", FailureKind.InvalidArgument,
            $"-DurationSeconds {duration} is above the 1-hour limit for role chaining: you are signed in as an assumed role, and a role assumed from a role lasts at most {RoleAssumeValidation.ChainedMaximumDuration} seconds. Use -DurationSeconds 3600 or less, or assume {roleArn} with a user's long-term credentials.",
            roleArn);

    public static IamOpsException RoleMaximum(string roleArn, int duration, int? maximum) =>
        new("DurationAboveRoleMaximum", FailureKind.InvalidArgument,
            $"-DurationSeconds {duration} is above the role's MaxSessionDuration{(maximum is null ? string.Empty : " of " + maximum.Value.ToString(CultureInfo.InvariantCulture) + " seconds")}. Ask for less, or raise the role's maximum (Grant-IamRoleAssume -MaxSessionDuration, or aws iam update-role --max-session-duration).",
            roleArn);

    public static IamOpsException MfaCodeNeeded(string serialNumber) =>
        new("MfaCodeRequired", FailureKind.InvalidArgument,
            $"An MFA code for {serialNumber} is needed and this session cannot prompt for one: pass -TokenCode with the 6 digits the device shows now.", serialNumber);

    /// <summary>
    /// STS refused an MFA code. A code works once: when this session already sent it (or the sandbox says so) the error
    /// says it was already used, which waiting for the next code fixes; otherwise it is wrong, expired or not the device's.
    /// </summary>
    public static IamOpsException MfaCodeRefused(IamOpsException failure, string? serialNumber, bool alreadySent, string? target) =>
        alreadySent || failure.Message.IndexOf("already used", StringComparison.OrdinalIgnoreCase) >= 0
            ? Wrap(new IamOpsException("MfaCodeAlreadyUsed", FailureKind.PermissionDenied,
                $"The MFA code for {serialNumber} was already used in this 30-second window, and a code works only once. Wait for the device's next code (at most 30 seconds) and pass it with -TokenCode.", target), failure)
            : Wrap(new IamOpsException("MfaCodeRejected", FailureKind.PermissionDenied,
                $"STS rejected the MFA code for {serialNumber}: it is wrong, expired, or the device is not yours. Check the device (Get-IamMfaCode computes the current code from its seed), wait for the next code and pass it with -TokenCode.", target), failure);

    /// <summary>AssumeRole was denied and the role turned out not to exist (IAM's GetRole said NoSuchEntity, or the sandbox said so).</summary>
    public static IamOpsException RoleNotFound(IamOpsException failure, string roleArn, string account) =>
        Wrap(new IamOpsException("RoleNotFound", FailureKind.ObjectNotFound,
            $"The role {roleArn} does not exist in account {account}: check the name (and -AccountId), or create it and let the caller assume it with Grant-IamRoleAssume.", roleArn), failure);

    /// <param name="trust">The role's trust policy read for the caller; null when the role could not be read.</param>
    /// <param name="alreadySent">This session sent the same code for the same device less than 90 seconds ago.</param>
    public static IamOpsException Explain(IamOpsException failure, CallerIdentity caller, string roleArn, RoleAssumeRequest request, TrustPolicyReading? trust, int? roleMaximum, bool alreadySent = false)
    {
        var code = failure.AwsErrorCode ?? string.Empty;
        var message = failure.Message;
        if (code == "ValidationError" && message.IndexOf("role chaining", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return Wrap(ChainingLimit(roleArn, request.DurationSeconds ?? 3600), failure);
        }

        if (code == "ValidationError" && message.IndexOf("MaxSessionDuration", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return Wrap(RoleMaximum(roleArn, request.DurationSeconds ?? 3600, roleMaximum), failure);
        }

        if (code.StartsWith("ExpiredToken", StringComparison.Ordinal))
        {
            return Wrap(new IamOpsException("SourceCredentialsExpired", FailureKind.AuthenticationError,
                $"The credentials you assume {roleArn} with ({caller.Arn}) have expired: refresh them (assume the source role again, or 'aws sso login') and retry.", roleArn), failure);
        }

        if (code != "AccessDenied")
        {
            return failure;
        }

        if (message.IndexOf("MultiFactorAuthentication", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return MfaCodeRefused(failure, request.SerialNumber, alreadySent, roleArn);
        }

        if (trust is null)
        {
            return Wrap(new IamOpsException("RoleAssumeDenied", FailureKind.PermissionDenied,
                $"{caller.Arn} may not assume {roleArn}. The two usual causes: the role's trust policy does not name you (or your account), or your own policies lack sts:AssumeRole on this role. Also check the role exists, and the trust policy's conditions (MFA, -ExternalId).", roleArn), failure);
        }

        if (!trust.NamesCaller)
        {
            return Wrap(new IamOpsException("RoleAssumeDenied", FailureKind.PermissionDenied,
                $"{caller.Arn} may not assume {roleArn}: the role's trust policy does not name you or your account. Add you to it (Grant-IamRoleAssume -RoleName ... -UserName ...).", roleArn), failure);
        }

        if (trust.RequiresMfa && request.TokenCode is null)
        {
            return Wrap(new IamOpsException("MfaRequired", FailureKind.PermissionDenied,
                $"The trust policy of {roleArn} requires MFA: pass -SerialNumber with your MFA device's ARN (and -TokenCode, or answer the prompt).", roleArn), failure);
        }

        if (trust.RequiresExternalId)
        {
            return Wrap(new IamOpsException("ExternalIdMismatch", FailureKind.PermissionDenied,
                $"The trust policy of {roleArn} requires an external ID and {(request.ExternalId is null ? "none was given" : "the one given does not match")}: pass the -ExternalId the role's owner gave you.", roleArn), failure);
        }

        return Wrap(new IamOpsException("RoleAssumeDenied", FailureKind.PermissionDenied,
            trust.NamesCallerDirectly
                ? $"{caller.Arn} may not assume {roleArn}: the trust policy names you, but a condition in it does not hold, or a deny applies."
                : $"{caller.Arn} may not assume {roleArn}: the trust policy trusts your account, so your own policies must allow sts:AssumeRole on this role, and they do not. Grant it (Grant-IamRoleAssume -UserName ...) or check permission boundaries and SCPs.",
            roleArn), failure);
    }

    /// <summary>The last denial of a -WaitForRole window, saying how long was waited so the reader rules propagation out.</summary>
    public static IamOpsException StillDeniedAfterWaiting(IamOpsException explained, TimeSpan waited) =>
        Wrap(new IamOpsException(explained.ErrorId, explained.Kind,
            explained.Message + $" (Still denied after waiting {waited.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} seconds for IAM to propagate a recent change; a longer -WaitForRole rarely helps beyond 15 seconds.)",
            explained.Target), explained);

    private static IamOpsException Wrap(IamOpsException explained, IamOpsException original) =>
        new(explained.ErrorId, explained.Kind, explained.Message, explained.Target, original)
        {
            AwsErrorCode = original.AwsErrorCode,
            RequestId = original.RequestId,
            HttpStatus = original.HttpStatus,
        };
}
