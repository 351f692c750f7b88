namespace IamOps;

/// <summary>
/// What kind of failure happened; each member is named after the PowerShell ErrorCategory it becomes, so the
/// plain classes stay free of PowerShell types.
/// </summary>
public enum FailureKind
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    ResourceExists,
    PermissionDenied,
    AuthenticationError,
    LimitsExceeded,
    ResourceUnavailable,
    ConnectionError,
    ReadError,
    InvalidOperation,
    OperationTimeout,
    WriteError,
}
