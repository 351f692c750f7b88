namespace IamOps.Aws;

/// <summary>
/// What an AWS error means to a cmdlet, as the <see cref="IamOpsException"/> every port implementation raises for it:
/// the AWS adapters (through AwsErrorTranslator) and the simulator alike, so a runbook sees the same error from both.
/// </summary>
internal static class AwsErrors
{
    /// <summary>An error AWS answered with a code (e.g. EntityAlreadyExists): ErrorId "Aws"+code, its kind, and what to do.</summary>
    /// <param name="action">The API action, e.g. <c>iam:CreateUser</c>, named in AccessDenied messages.</param>
    /// <param name="resource">What the call was about, if known.</param>
    public static IamOpsException FromErrorCode(string code, string message, string? requestId, int? status, string action, string? resource, Exception inner)
    {
        var (kind, fix) = Classify(code, action, resource);
        if (kind == FailureKind.NotSpecified && status >= 500)
        {
            (kind, fix) = (FailureKind.ResourceUnavailable, "AWS failed to handle the request; run the command again.");
        }

        var text = $"{action} failed: {code}: {message} (request id {requestId ?? "none"}). {fix}".TrimEnd();
        // Organizations' codes all end in "Exception"; the id drops it, as stable error ids do (AwsAccessDenied, AwsParentNotFound).
        var errorId = "Aws" + (action.StartsWith("organizations:", StringComparison.Ordinal) && code.EndsWith("Exception", StringComparison.Ordinal) && code.Length > 9
            ? code.Substring(0, code.Length - 9)
            : code);
        if (kind == FailureKind.PermissionDenied && DeniedForWantOfMfa(message))
        {
            // IamOps' own MFA policy (New-IamAdminBaseline) denied: the fix is an MFA session, not a grant.
            errorId = "MfaSessionRequired";
            text = $"{action} was denied by IamOps' MFA policy ({MfaPolicyName}): this account allows it only in an MFA session. "
                + "Get one with 'Get-IamSessionToken -SerialNumber <your MFA device ARN> -SetEnvironment' (or pipe its result into this command, or use -ScriptBlock), then run the command again. "
                + $"AWS said: {message} (request id {requestId ?? "none"}).";
        }

        return new IamOpsException(errorId, kind, text, resource, inner)
        {
            AwsErrorCode = code,
            RequestId = requestId,
            HttpStatus = status,
        };
    }

    /// <summary>The call got no answer in time.</summary>
    public static IamOpsException TimedOut(string action, string? resource, Exception inner) =>
        new("AwsTimeout", FailureKind.OperationTimeout, $"{action} timed out. Check the network path to the endpoint, or try again.", resource, inner);

    /// <summary>The endpoint could not be reached (<paramref name="reason"/> is the innermost transport error's message).</summary>
    public static IamOpsException Unreachable(string reason, string action, string? resource, Exception inner) =>
        new("AwsConnectionFailed", FailureKind.ConnectionError,
            $"{action} could not reach AWS: {reason}. Check the network, proxy and -EndpointUrl/AWS_ENDPOINT_URL settings.", resource, inner);

    /// <summary>The managed policy New-IamAdminBaseline writes (Baseline.RequireMfaPolicy.Name; Aws does not look up into capabilities).</summary>
    internal const string MfaPolicyName = "IamOps-RequireMFA";

    /// <summary>An explicit deny that AWS attributes to IamOps' MFA policy (AWS names the denying policy's ARN in the message).</summary>
    internal static bool DeniedForWantOfMfa(string? message) =>
        message is not null && message.IndexOf("explicit deny", StringComparison.OrdinalIgnoreCase) >= 0
        && message.IndexOf(":policy/" + MfaPolicyName, StringComparison.OrdinalIgnoreCase) >= 0;

    private static (FailureKind Kind, string Fix) Classify(string code, string action, string? resource) => code switch
    {
        "NoSuchEntity" => (FailureKind.ObjectNotFound, "Check the name, or create it first."),
        "NoSuchBucket" or "NotFound" => (FailureKind.ObjectNotFound, "Check the bucket name."),
        "InvalidInstanceID.NotFound" => (FailureKind.ObjectNotFound, "Check the instance id and the region (-Region): instances are regional."),
        "InvalidAssociationID.NotFound" => (FailureKind.ObjectNotFound, "The instance's association changed meanwhile; run the command again."),
        "InvalidInstanceID.Malformed" => (FailureKind.InvalidArgument, "An instance id looks like i-0123456789abcdef0."),
        "IncorrectState" or "IncorrectInstanceState" => (FailureKind.InvalidOperation, "Check the instance's state: a profile can be replaced only on a running instance."),
        "ReportNotPresent" or "ReportExpired" => (FailureKind.ObjectNotFound, "Generate a credential report first."),
        "ReportInProgress" => (FailureKind.ResourceUnavailable, "The credential report is still being generated; try again in a few seconds."),
        "ReportGenerationLimitExceeded" => (FailureKind.LimitsExceeded, "A credential report can be generated once every 4 hours; use the current one."),
        "EntityAlreadyExists" => (FailureKind.ResourceExists, "It exists already; choose another name or update the existing one."),
        "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "UnauthorizedAccess" or "Forbidden" =>
            (FailureKind.PermissionDenied, $"Your credentials are not allowed {action} on {resource ?? "this resource"}: grant it in an identity policy (and check boundaries, SCPs and session policies), or use other credentials."),
        "InvalidClientTokenId" or "SignatureDoesNotMatch" or "IncompleteSignature" or "MissingAuthenticationToken" or "AuthFailure" =>
            (FailureKind.AuthenticationError, "The access key or secret key is wrong or deleted: check -ProfileName/-AccessKey, or the keys in your credentials file."),
        "ExpiredToken" or "ExpiredTokenException" or "RequestExpired" =>
            (FailureKind.AuthenticationError, "The session credentials have expired: refresh them (e.g. 'aws sso login' or assume the role again)."),
        "InvalidIdentityToken" or "IDPRejectedClaim" =>
            (FailureKind.AuthenticationError, "The identity provider's token or assertion was refused: check its issuer (an identity provider in the account), its audience (one of the provider's client ids) and its signature, or get a fresh one."),
        "IDPCommunicationError" => (FailureKind.ResourceUnavailable, "STS could not reach the identity provider to verify the token; run the command again."),
        "LimitExceeded" => (FailureKind.LimitsExceeded, "An IAM quota was reached; remove something or ask for a higher quota."),
        "PackedPolicyTooLarge" => (FailureKind.LimitsExceeded, "Use fewer or shorter session policies and tags."),
        "Throttling" or "ThrottlingException" or "RequestLimitExceeded" => (FailureKind.LimitsExceeded, "AWS throttled the calls beyond the retries; run again later or with a lower -ThrottleLimit."),
        "MalformedPolicyDocument" => (FailureKind.InvalidData, "Check the policy with Test-IamPolicy."),
        "InvalidInput" or "ValidationError" or "InvalidParameterValue" or "InvalidAction" or "MissingParameter" => (FailureKind.InvalidArgument, string.Empty),
        "PasswordPolicyViolation" => (FailureKind.InvalidData, "The password does not meet the account's password policy."),
        "InvalidAuthenticationCode" => (FailureKind.InvalidArgument, "Give two consecutive, current codes from the MFA device."),
        "UnmodifiableEntity" => (FailureKind.InvalidOperation, "Service-linked roles can only be changed by their service."),
        "PolicyNotAttachable" => (FailureKind.InvalidOperation, "This AWS managed policy is reserved for service-linked roles; choose another."),
        "DeleteConflict" => (FailureKind.InvalidOperation, "Detach or remove what still uses it first."),
        "ConcurrentModification" or "EntityTemporarilyUnmodifiable" => (FailureKind.ResourceUnavailable, "Wait a moment and run the command again."),
        "ServiceFailure" or "ServiceUnavailable" or "InternalFailure" or "InternalError" or "PolicyEvaluation" => (FailureKind.ResourceUnavailable, "AWS failed to handle the request; run the command again."),
        "AWSOrganizationsNotInUseException" => (FailureKind.InvalidOperation, "The account is not a member of an organization: call from an organization's management account."),
        "ParentNotFoundException" or "ChildNotFoundException" or "OrganizationalUnitNotFoundException" or "AccountNotFoundException" =>
            (FailureKind.ObjectNotFound, "Check the id: the root is r-..., an OU ou-...-..., an account 12 digits (Get-IamOrganizationAccount lists them)."),
        "TooManyRequestsException" => (FailureKind.LimitsExceeded, "AWS Organizations throttled the calls beyond the retries; run again later."),
        "InvalidInputException" => (FailureKind.InvalidArgument, string.Empty),
        "ServiceException" => (FailureKind.ResourceUnavailable, "AWS Organizations failed to handle the request; run the command again."),
        "RegionDisabledException" => (FailureKind.PermissionDenied, "STS is not activated in this region: activate it in the account settings, or use another -Region."),
        _ => (FailureKind.NotSpecified, string.Empty),
    };
}
