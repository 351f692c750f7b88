using System.Text;
using System.Text.Json;
using IamOps.Aws;
using IamOps.Simulator;
using IamOps.TestEndpoint.Query;

namespace IamOps.TestEndpoint.Json;

/// <summary>
/// AWS Organizations over the AWS JSON 1.1 protocol: POST /, X-Amz-Target "AWSOrganizationsV20161128.Operation",
/// a JSON body in and out (timestamps as epoch seconds), errors as <c>{"__type": code, "Message": text}</c> with the
/// x-amzn-ErrorType header. Only the reads IamOps' client uses; paging by NextToken and MaxResults.
/// </summary>
internal static class OrganizationsJsonActions
{
    public const string ContentType = "application/x-amz-json-1.1";
    private const string TargetPrefix = "AWSOrganizationsV20161128.";

    private static readonly Dictionary<string, Func<OrganizationsService, JsonElement, Action<Utf8JsonWriter>>> Actions = new(StringComparer.Ordinal)
    {
        ["DescribeOrganization"] = (service, _) => Organization(service.DescribeOrganization()),
        ["ListAccounts"] = (service, body) => Accounts(service.ListAccounts(Token(body), MaxResults(body))),
        ["ListAccountsForParent"] = (service, body) => Accounts(service.ListAccountsForParent(Required(body, "ParentId"), Token(body), MaxResults(body))),
        ["ListRoots"] = (service, body) => Roots(service.ListRoots(Token(body), MaxResults(body))),
        ["ListOrganizationalUnitsForParent"] = (service, body) => Units(service.ListOrganizationalUnitsForParent(Required(body, "ParentId"), Token(body), MaxResults(body))),
        ["ListParents"] = (service, body) => Parents(service.ListParents(Required(body, "ChildId"), Token(body), MaxResults(body))),
        ["DescribeOrganizationalUnit"] = (service, body) => Unit(service.DescribeOrganizationalUnit(Required(body, "OrganizationalUnitId"))),
    };

    public static SimpleHttpResponse Handle(SimulatedAccount account, SimpleHttpRequest request, SimulatorCredentials credentials, string requestId)
    {
        if (request.Method != "POST")
        {
            throw new ServiceError("UnknownOperationException", 400, $"The HTTP method {request.Method} is not supported by the AWS JSON protocol.");
        }

        var target = request.Header("X-Amz-Target") ?? string.Empty;
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target.Substring(TargetPrefix.Length) : string.Empty;
        if (!Actions.TryGetValue(operation, out var action))
        {
            throw new ServiceError("UnknownOperationException", 400, $"Unknown operation '{target}'.");
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(request.Body.Length == 0 ? Encoding.UTF8.GetBytes("{}") : request.Body);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ServiceError("SerializationException", 400, "The request body is not valid JSON: " + ex.Message);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ServiceError("SerializationException", 400, "The request body must be a JSON object.");
        }

        var write = account.Invoke(credentials, "organizations", operation, false, _ => action(account.OrganizationsApi, body), _ => new Permission("organizations:" + operation, "*"));
        var response = new SimpleHttpResponse(200, Write(write), ContentType);
        response.Headers["x-amzn-RequestId"] = requestId;
        return response;
    }

    public static SimpleHttpResponse ErrorResponse(ServiceError raised, string requestId)
    {
        var error = OrganizationsService.InOrganizationsWords(raised);
        var response = new SimpleHttpResponse(error.Status, Write(w =>
        {
            w.WriteString("__type", error.Code);
            w.WriteString("Message", error.Message);
        }), ContentType);
        response.Headers["x-amzn-RequestId"] = requestId;
        response.Headers["x-amzn-ErrorType"] = error.Code;
        return response;
    }

    private static string Write(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? Token(JsonElement body) =>
        body.TryGetProperty("NextToken", out var token) && token.ValueKind != JsonValueKind.Null
            ? token.ValueKind == JsonValueKind.String ? token.GetString() : throw new ServiceError("SerializationException", 400, "NextToken must be a string.")
            : null;

    private static int? MaxResults(JsonElement body) =>
        body.TryGetProperty("MaxResults", out var max) && max.ValueKind != JsonValueKind.Null
            ? max.ValueKind == JsonValueKind.Number && max.TryGetInt32(out var value) ? value : throw new ServiceError("SerializationException", 400, "MaxResults must be an integer.")
            : null;

    private static string Required(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ServiceError("InvalidInputException", 400, $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0]) + name.Substring(1)}' failed to satisfy constraint: Member must not be null");

    private static Action<Utf8JsonWriter> Organization(OrganizationDescription organization) => w =>
    {
        w.WriteStartObject("Organization");
        w.WriteString("Id", organization.Id);
        w.WriteString("Arn", organization.Arn);
        w.WriteString("FeatureSet", organization.FeatureSet);
        w.WriteString("MasterAccountArn", organization.ManagementAccountArn);
        w.WriteString("MasterAccountId", organization.ManagementAccountId);
        w.WriteString("MasterAccountEmail", organization.ManagementAccountEmail);
        w.WriteStartArray("AvailablePolicyTypes");
        w.WriteStartObject();
        w.WriteString("Type", "SERVICE_CONTROL_POLICY");
        w.WriteString("Status", "ENABLED");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    };

    private static Action<Utf8JsonWriter> Accounts(Page<OrganizationsAccount> page) => List(page, "Accounts", (w, a) =>
    {
        w.WriteString("Id", a.Id);
        w.WriteString("Arn", a.Arn);
        w.WriteString("Email", a.Email);
        w.WriteString("Name", a.Name);
        w.WriteString("Status", a.Status);
        w.WriteString("State", a.Status == "PENDING_CLOSURE" ? "PENDING_CLOSURE" : a.Status);
        w.WriteString("JoinedMethod", a.JoinedMethod);
        w.WriteNumber("JoinedTimestamp", (a.JoinedTimestamp - DateTime.UnixEpoch).TotalSeconds);
    });

    private static Action<Utf8JsonWriter> Roots(Page<OrganizationRoot> page) => List(page, "Roots", (w, r) =>
    {
        w.WriteString("Id", r.Id);
        w.WriteString("Arn", r.Arn);
        w.WriteString("Name", r.Name);
        w.WriteStartArray("PolicyTypes");
        w.WriteStartObject();
        w.WriteString("Type", "SERVICE_CONTROL_POLICY");
        w.WriteString("Status", "ENABLED");
        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static Action<Utf8JsonWriter> Units(Page<OrganizationalUnit> page) => List(page, "OrganizationalUnits", WriteUnit);

    private static Action<Utf8JsonWriter> Unit(OrganizationalUnit unit) => w =>
    {
        w.WriteStartObject("OrganizationalUnit");
        WriteUnit(w, unit);
        w.WriteEndObject();
    };

    private static void WriteUnit(Utf8JsonWriter w, OrganizationalUnit unit)
    {
        w.WriteString("Id", unit.Id);
        w.WriteString("Arn", unit.Arn);
        w.WriteString("Name", unit.Name);
    }

    private static Action<Utf8JsonWriter> Parents(Page<OrganizationParent> page) => List(page, "Parents", (w, p) =>
    {
        w.WriteString("Id", p.Id);
        w.WriteString("Type", p.Type);
    });

    private static Action<Utf8JsonWriter> List<T>(Page<T> page, string name, Action<Utf8JsonWriter, T> item) => w =>
    {
        w.WriteStartArray(name);
        foreach (var each in page.Items)
        {
            w.WriteStartObject();
            item(w, each);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (page.NextToken is not null)
        {
            w.WriteString("NextToken", page.NextToken);
        }
    };
}
