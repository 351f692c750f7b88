namespace IamOps.Simulator;

/// <summary>
/// A failure as the service reports it: the AWS code, the HTTP status and the message. The in-process connection turns
/// it into the <see cref="IamOpsException"/> the AWS adapters would raise; the endpoint writes it as an error response.
/// </summary>
internal sealed class ServiceError : Exception
{
    public ServiceError(string code, int status, string message, bool senderFault = true)
        : base(message)
    {
        Code = code;
        Status = status;
        SenderFault = senderFault;
    }

    public string Code { get; }

    public int Status { get; }

    /// <summary>Sender for a bad request, Receiver for a service failure.</summary>
    public bool SenderFault { get; }

    public static ServiceError NoSuchEntity(string message) => new("NoSuchEntity", 404, message);

    public static ServiceError AlreadyExists(string message) => new("EntityAlreadyExists", 409, message);

    public static ServiceError LimitExceeded(string message) => new("LimitExceeded", 409, message);

    public static ServiceError DeleteConflict(string message) => new("DeleteConflict", 409, message);

    public static ServiceError InvalidInput(string message) => new("InvalidInput", 400, message);

    public static ServiceError Malformed(string message) => new("MalformedPolicyDocument", 400, message);

    public static ServiceError Validation(string message) => new("ValidationError", 400, message);

    public static ServiceError AccessDenied(string message) => new("AccessDenied", 403, message);

    public static ServiceError InvalidClientTokenId() =>
        new("InvalidClientTokenId", 403, "The security token included in the request is invalid.");

    /// <summary>IAM's wording for a request member that breaks the API model's constraint.</summary>
    public static ServiceError Constraint(string member, string? value, string constraint) =>
        Validation($"1 validation error detected: Value {(value is null ? "null" : "'" + value + "'")} at '{member}' failed to satisfy constraint: {constraint}");

    public static ServiceError Missing(string member) => Constraint(member, null, "Member must not be null");
}
