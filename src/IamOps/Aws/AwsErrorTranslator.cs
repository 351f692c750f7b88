using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Xml;
using Amazon.Runtime;

namespace IamOps.Aws;

/// <summary>
/// Turns what the SDK throws into <see cref="IamOpsException"/>: the AWS code, request id and HTTP status kept, a
/// category every cmdlet reports the same way, and a message that says what to do (what each error means is
/// <see cref="AwsErrors"/>, which the simulator shares).
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
            return AwsErrors.FromErrorCode(service.ErrorCode, service.Message, service.RequestId, service.StatusCode == 0 ? null : (int)service.StatusCode, action, resource, ex);
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
            return AwsErrors.TimedOut(action, resource, ex);
        }

        var network = Innermost<SocketException>(ex) is not null || Innermost<HttpRequestException>(ex) is not null || Innermost<IOException>(ex) is not null;
        if (network)
        {
            return AwsErrors.Unreachable(Innermost<Exception>(ex)!.Message, action, resource, ex);
        }

        if (ex is AmazonClientException client && client.Message.IndexOf("credential", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return new IamOpsException("CredentialsUnusable", FailureKind.AuthenticationError,
                $"{action} could not get credentials: {client.Message} Refresh them (e.g. 'aws sso login') or choose others with -ProfileName.", resource, ex);
        }

        return new IamOpsException("AwsClientError", FailureKind.InvalidOperation, $"{action} failed: {ex.Message}", resource, ex);
    }

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
