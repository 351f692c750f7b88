using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Xml;
using Amazon.Runtime;

namespace IamOps.Aws;

/// <summary>
/// Turns what the SDK throws into <see cref="IamOpsException"/>: the AWS code, request id and HTTP status kept, a
/// category every cmdlet reports the same way, and a message that says what to do.
/// </summary>
internal static class AwsErrorTranslator
{
    public static bool CanTranslate(Exception ex) =>
        ex is AmazonServiceException or AmazonClientException or HttpRequestException or SocketException or IOException
            or TaskCanceledException or TimeoutException or WebException or XmlException or UriFormatException;

    /// <param name="action">The API action, e.g. <c>iam:CreateUser</c>, named in AccessDenied messages.</param>
    /// <param name="resource">What the call was about, if known.</param>
    public static IamOpsException Translate(Exception ex, string action, string? resource)
    {
        if (ex is IamOpsException own)
        {
            return own;
        }

        if (ex is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode))
        {
            var status = service.StatusCode == 0 ? (int?)null : (int)service.StatusCode;
            var (kind, fix) = Classify(service.ErrorCode, action, resource);
            if (kind == FailureKind.NotSpecified && status >= 500)
            {
                (kind, fix) = (FailureKind.ResourceUnavailable, "AWS failed to handle the request; run the command again.");
            }

            var message = $"{action} failed: {service.ErrorCode}: {service.Message} (request id {service.RequestId ?? "none"}). {fix}".TrimEnd();
            var errorId = "Aws" + service.ErrorCode;
            if (kind == FailureKind.PermissionDenied && DeniedForWantOfMfa(service.Message))
            {
                // IamOps' own MFA policy (New-IamAdminBaseline) denied: the fix is an MFA session, not a grant.
                errorId = "MfaSessionRequired";
                message = $"{action} was denied by IamOps' MFA policy ({MfaPolicyName}): this account allows it only in an MFA session. "
                    + "Get one with 'Get-IamSessionToken -SerialNumber <your MFA device ARN> -SetEnvironment' (or pipe its result into this command, or use -ScriptBlock), then run the command again. "
                    + $"AWS said: {service.Message} (request id {service.RequestId ?? "none"}).";
            }

            return new IamOpsException(errorId, kind, message, resource, ex)
            {
                AwsErrorCode = service.ErrorCode,
                RequestId = service.RequestId,
                HttpStatus = status,
            };
        }

        if (ex is AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } serverError)
        {
            return new IamOpsException("AwsServiceUnavailable", FailureKind.ResourceUnavailable,
                $"{action} failed: {serverError.Message} Try again later.", resource, ex)
            {
                HttpStatus = (int)serverError.StatusCode,
            };
        }

        var cutOff = Innermost<IOException>(ex) is not null || Innermost<HttpRequestException>(ex) is not null;
        if (Innermost<XmlException>(ex) is not null || (ex is AmazonUnmarshallingException && !cutOff))
        {
            return new IamOpsException("AwsResponseUnreadable", FailureKind.InvalidData,
                $"{action} got an answer that is not a valid AWS response: {Innermost<XmlException>(ex)?.Message ?? ex.Message} Check that -EndpointUrl/AWS_ENDPOINT_URL points at the AWS service.",
                resource, ex);
        }

        if (ex is AmazonServiceException { StatusCode: > 0 } unreadable)
        {
            return new IamOpsException("AwsResponseUnreadable", FailureKind.InvalidData,
                $"{action} failed: {unreadable.Message} Check that -EndpointUrl/AWS_ENDPOINT_URL points at the AWS service, and any proxy in between.", resource, ex)
            {
                RequestId = unreadable.RequestId,
                HttpStatus = (int)unreadable.StatusCode,
            };
        }

        var badUrl = (Exception?)Innermost<UriFormatException>(ex)
            ?? (ex is AmazonClientException && ex.Message.IndexOf("ServiceURL", StringComparison.Ordinal) >= 0 ? ex : null);
        if (badUrl is not null)
        {
            return new IamOpsException("EndpointUrlInvalid", FailureKind.InvalidArgument,
                $"{action} has no usable endpoint URL: {badUrl.Message} Give -EndpointUrl (or AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL) as an absolute http or https URL.", resource, ex);
        }

        if (ex is TaskCanceledException or TimeoutException || ex.InnerException is TaskCanceledException or TimeoutException)
        {
            return new IamOpsException("AwsTimeout", FailureKind.OperationTimeout,
                $"{action} timed out. Check the network path to the endpoint, or try again.", resource, ex);
        }

        var network = Innermost<SocketException>(ex) is not null || Innermost<HttpRequestException>(ex) is not null || Innermost<IOException>(ex) is not null;
        if (network)
        {
            return new IamOpsException("AwsConnectionFailed", FailureKind.ConnectionError,
                $"{action} could not reach AWS: {Innermost<Exception>(ex)!.Message}. Check the network, proxy and -EndpointUrl/AWS_ENDPOINT_URL settings.", resource, ex);
        }

        if (ex is AmazonClientException client && client.Message.IndexOf("credential", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return new IamOpsException("CredentialsUnusable", FailureKind.AuthenticationError,
                $"{action} could not get credentials: {client.Message} Refresh them (e.g. 'aws sso login') or choose others with -ProfileName.", resource, ex);
        }

        return new IamOpsException("AwsClientError", FailureKind.InvalidOperation, $"{action} failed: {ex.Message}", resource, ex);
    }

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
        "RegionDisabledException" => (FailureKind.PermissionDenied, "STS is not activated in this region: activate it in the account settings, or use another -Region."),
        _ => (FailureKind.NotSpecified, string.Empty),
    };

    private static T? Innermost<T>(Exception ex)
        where T : Exception
    {
        T? found = null;
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                found = match;
            }
        }

        return found;
    }
}
