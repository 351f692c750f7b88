namespace IamOps.Developers;

/// <summary>One developer as Add-IamDeveloper received it (parameters or a CSV row), before the batch rules make it a request.</summary>
public sealed record DeveloperRow
{
    public string? UserName { get; init; }

    /// <summary>Group names; a CSV cell may hold several as 'a;b' or 'a,b'. None: the default group.</summary>
    public IReadOnlyList<string>? GroupNames { get; init; }

    public string? Path { get; init; }

    /// <summary>A dictionary, or CSV-friendly text 'key=value;key2=value2'.</summary>
    public object? Tags { get; init; }

    /// <summary>-ConsoleAccess as given, or null when it was not.</summary>
    public bool? ConsoleAccess { get; init; }

    public bool NoConsoleAccess { get; init; }

    public bool ProgrammaticAccess { get; init; }

    public string? PermissionsBoundary { get; init; }

    public bool ResetPassword { get; init; }

    public bool RotateAccessKey { get; init; }

    public bool DeleteOldAccessKey { get; init; }

    public bool CreateMissingGroup { get; init; }

    public IReadOnlyList<string>? GroupPolicyArns { get; init; }

    public bool ExactGroups { get; init; }

    public bool EnableVirtualMfa { get; init; }

    public IReadOnlyList<string>? MfaCodes { get; init; }

    public IReadOnlyList<string>? DeactivateAccessKeyIds { get; init; }

    public IReadOnlyList<string>? DeleteAccessKeyIds { get; init; }
}
