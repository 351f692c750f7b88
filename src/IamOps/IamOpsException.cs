namespace IamOps;

/// <summary>
/// The one exception type operations raise for a failure a user can act on. The cmdlet layer turns it into an
/// ErrorRecord with <see cref="ErrorId"/> and the category named by <see cref="Kind"/>; the message always says what to do.
/// </summary>
public class IamOpsException : Exception
{
    public IamOpsException(string errorId, FailureKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>A stable, documented id such as <c>ProfileNotFound</c>.</summary>
    public string ErrorId { get; }

    public FailureKind Kind { get; }

    /// <summary>What the failure is about (a user name, a file path, a region), shown as the error record's target.</summary>
    public object? Target { get; }

    /// <summary>The AWS error code, when the failure came from an AWS service.</summary>
    public string? AwsErrorCode { get; init; }

    /// <summary>The AWS request id, when the failure came from an AWS service.</summary>
    public string? RequestId { get; init; }

    /// <summary>The HTTP status of the AWS response, when there was one.</summary>
    public int? HttpStatus { get; init; }
}
