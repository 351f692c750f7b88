using System.Xml;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>
/// Turns one HTTP request into one response: authenticates the SigV4 signature, routes by the credential scope's
/// service (iam, sts: Query protocol; s3: REST), and maps every failure to AWS's error shape and status.
/// </summary>
internal sealed class RequestRouter
{
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);
    private readonly SimulatedAccount _account;
    private readonly SimulatedOrganization? _organization;

    /// <param name="organization">When the endpoint serves an organization: each request goes to the account that issued its key (the management account when none did).</param>
    public RequestRouter(SimulatedAccount account, SimulatedOrganization? organization = null)
    {
        _account = account;
        _organization = organization;
    }

    /// <summary>The response; an <see cref="InjectedTransportFault"/> escapes for the endpoint to act out on the connection.</summary>
    public SimpleHttpResponse Handle(SimpleHttpRequest request)
    {
        var requestId = Guid.NewGuid().ToString();
        var service = "iam";
        try
        {
            var signature = SignatureV4.Parse(request);
            if (signature is null && StsQueryActions.IsUnsigned(request))
            {
                // STS takes these unsigned (the token or assertion is the proof), as AWS does; the caller plays no part.
                service = "sts";
                return Query(_account, request, service, _account.AdministratorCredentials, requestId);
            }

            if (signature is null)
            {
                throw new ServiceError("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
            }

            service = signature.Service;
            if (service is not ("iam" or "sts" or "s3" or "organizations"))
            {
                throw new ServiceError("IncompleteSignature", 400, $"Credential should be scoped to a valid service: '{service}' is not served here.");
            }

            var account = _organization?.AccountIssuing(signature.AccessKeyId) ?? _account;
            var secret = account.FindSecret(signature.AccessKeyId);
            if (secret is null)
            {
                throw service == "s3"
                    ? new ServiceError("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.")
                    : ServiceError.InvalidClientTokenId();
            }

            if (!signature.Verify(request, secret))
            {
                throw new ServiceError("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
            }

            CheckClockSkew(request);
            var credentials = new SimulatorCredentials(signature.AccessKeyId, secret, request.Header("x-amz-security-token"));
            return service switch
            {
                "s3" => S3(account, request, credentials, requestId),
                "organizations" => Json.OrganizationsJsonActions.Handle(account, request, credentials, requestId),
                _ => Query(account, request, service, credentials, requestId),
            };
        }
        catch (ServiceError error)
        {
            return ErrorResponse(service, error, requestId);
        }
        catch (Exception ex) when (ex is not InjectedTransportFault)
        {
            // A simulator bug must cost one request, never the endpoint: answer as AWS does for its own failures.
            var failure = new ServiceError("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure. (" + ex.GetType().Name + ")", senderFault: false);
            return ErrorResponse(service, failure, requestId);
        }
    }

    public static SimpleHttpResponse ErrorResponse(string service, ServiceError error, string requestId)
    {
        if (service == "organizations")
        {
            return Json.OrganizationsJsonActions.ErrorResponse(error, requestId);
        }

        SimpleHttpResponse response;
        if (service == "s3")
        {
            response = new SimpleHttpResponse(error.Status, QueryXml.Write(w =>
            {
                w.WriteStartElement("Error");
                w.WriteElementString("Code", error.Code);
                w.WriteElementString("Message", error.Message);
                w.WriteElementString("RequestId", requestId);
                w.WriteEndElement();
            }), "application/xml");
            response.Headers["x-amz-request-id"] = requestId;
            return response;
        }

        var ns = service == "sts" ? QueryXml.StsNamespace : QueryXml.IamNamespace;
        response = new SimpleHttpResponse(error.Status, QueryXml.Error(ns, error.SenderFault, error.Code, error.Message, requestId));
        response.Headers["x-amzn-RequestId"] = requestId;
        return response;
    }

    private static void CheckClockSkew(SimpleHttpRequest request)
    {
        var amzDate = request.Header("x-amz-date");
        if (DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var signedAt)
            && (signedAt - DateTime.UtcNow).Duration() > AllowedSkew)
        {
            throw new ServiceError("SignatureDoesNotMatch", 403, $"Signature expired: {amzDate} is now earlier or later than the allowed 15 minutes of skew.");
        }
    }

    private static SimpleHttpResponse Query(SimulatedAccount account, SimpleHttpRequest request, string service, SimulatorCredentials credentials, string requestId)
    {
        if (request.Method is not ("POST" or "GET"))
        {
            throw new ServiceError("InvalidAction", 400, $"The HTTP method {request.Method} is not supported by the Query protocol.");
        }

        var parameters = request.Method == "POST" ? QueryParameters.Parse(request.Body) : QueryParameters.Parse(request.RawQuery);
        var action = parameters.Get("Action");
        if (string.IsNullOrEmpty(action))
        {
            throw new ServiceError("MissingAction", 400, "Missing Action");
        }

        var version = parameters.Get("Version");
        var expectedVersion = service == "sts" ? "2011-06-15" : "2010-05-08";
        var actions = service == "sts" ? StsQueryActions.All : IamQueryActions.All;
        if ((version is not null && version != expectedVersion) || !actions.TryGetValue(action!, out var handler))
        {
            throw new ServiceError("InvalidAction", 400, $"Could not find operation {action} for version {version ?? "NO_VERSION_SPECIFIED"}");
        }

        Action<XmlWriter>? result = handler(new QueryCall(account, credentials, service, action!, parameters));
        var response = new SimpleHttpResponse(200, QueryXml.Response(action!, service == "sts" ? QueryXml.StsNamespace : QueryXml.IamNamespace, requestId, result));
        response.Headers["x-amzn-RequestId"] = requestId;
        return response;
    }

    /// <summary>S3's calls in REST shape (path style): GET / (ListBuckets), HEAD /bucket and GET /bucket?location.</summary>
    private static SimpleHttpResponse S3(SimulatedAccount account, SimpleHttpRequest request, SimulatorCredentials credentials, string requestId)
    {
        var bucket = Uri.UnescapeDataString(request.RawPath.Trim('/'));
        if (bucket.Length == 0 && request.Method == "GET")
        {
            return ListBuckets(account, request, credentials, requestId);
        }

        var isLocation = request.Method == "GET" && request.RawQuery.Split('&').Any(p => p == "location" || p.StartsWith("location=", StringComparison.Ordinal));
        if (bucket.Length == 0 || bucket.Contains('/') || !(request.Method == "HEAD" || isLocation))
        {
            throw new ServiceError("NotImplemented", 501, "A header you provided implies functionality that is not implemented");
        }

        var operation = request.Method == "HEAD" ? "HeadBucket" : "GetBucketLocation";
        var permission = new Permission(request.Method == "HEAD" ? "s3:ListBucket" : "s3:GetBucketLocation", "arn:aws:s3:::" + bucket);
        var location = account.Invoke(credentials, "s3", operation, false, _ => BucketRules.Locate(account, bucket, request.Method == "HEAD"), _ => permission);
        SimpleHttpResponse response;
        if (request.Method == "HEAD")
        {
            response = new SimpleHttpResponse(200);
        }
        else
        {
            // us-east-1 is the empty constraint, as S3 reports it.
            var constraint = location.Region == "us-east-1" ? string.Empty : location.Region;
            response = new SimpleHttpResponse(200, QueryXml.Write(w =>
            {
                w.WriteStartElement("LocationConstraint", S3Namespace);
                w.WriteString(constraint);
                w.WriteEndElement();
            }), "application/xml");
        }

        response.Headers["x-amz-bucket-region"] = location.Region;
        response.Headers["x-amz-request-id"] = requestId;
        return response;
    }

    /// <summary>ListBuckets with S3's paging: max-buckets (1 to 10000), continuation-token (here, the last name given) and prefix.</summary>
    private static SimpleHttpResponse ListBuckets(SimulatedAccount account, SimpleHttpRequest request, SimulatorCredentials credentials, string requestId)
    {
        var query = QueryParameters.Parse(request.RawQuery);
        var maxText = query.Get("max-buckets");
        var max = 10000;
        if (maxText is not null && (!int.TryParse(maxText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out max) || max < 1 || max > 10000))
        {
            throw new ServiceError("InvalidArgument", 400, "max-buckets must be an integer from 1 to 10000.");
        }

        var token = query.Get("continuation-token");
        var prefix = query.Get("prefix") ?? string.Empty;
        var owned = account.Invoke(credentials, "s3", "ListBuckets", false, _ => BucketRules.Owned(account), _ => new Permission("s3:ListAllMyBuckets", "*"));
        var remaining = owned
            .Where(b => b.BucketName.StartsWith(prefix, StringComparison.Ordinal))
            .Where(b => string.IsNullOrEmpty(token) || string.CompareOrdinal(b.BucketName, token) > 0)
            .ToList();
        var page = remaining.Take(max).ToList();
        var response = new SimpleHttpResponse(200, QueryXml.Write(w =>
        {
            w.WriteStartElement("ListAllMyBucketsResult", S3Namespace);
            w.WriteStartElement("Buckets");
            foreach (var listed in page)
            {
                w.WriteStartElement("Bucket");
                w.WriteElementString("Name", listed.BucketName);
                w.WriteElementString("BucketRegion", listed.Region);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteStartElement("Owner");
            w.WriteElementString("ID", account.AccountId);
            w.WriteEndElement();
            if (remaining.Count > page.Count)
            {
                w.WriteElementString("ContinuationToken", page[page.Count - 1].BucketName);
            }

            if (prefix.Length > 0)
            {
                w.WriteElementString("Prefix", prefix);
            }

            w.WriteEndElement();
        }), "application/xml");
        response.Headers["x-amz-request-id"] = requestId;
        return response;
    }
}
