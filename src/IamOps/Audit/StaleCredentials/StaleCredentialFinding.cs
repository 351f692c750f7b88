using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Audit.StaleCredentials;

/// <summary>One credential the rules caught, and the one change that cleans it up.</summary>
public sealed class StaleCredentialFinding
{
    internal StaleCredentialFinding(string userName, StaleCredentialType type, string credential, StaleCredentialAction action, PlannedChange change)
    {
        UserName = userName;
        CredentialType = type;
        Credential = credential;
        Action = action;
        Change = change;
    }

    public string UserName { get; }

    public StaleCredentialType CredentialType { get; }

    /// <summary>The access key id, or <c>password</c>.</summary>
    public string Credential { get; }

    public StaleCredentialAction Action { get; }

    public PlannedChange Change { get; }

    public string Reason => Change.Reason;

    /// <summary>When the credential was created (for a password: set).</summary>
    public DateTime? CreateDate { get; init; }

    /// <summary>When it was last used; null when never.</summary>
    public DateTime? LastUsedDate { get; init; }

    /// <summary>Whole days since it was created.</summary>
    public int? AgeDays { get; init; }

    /// <summary>Whole days since it was last used, or since it was created when never used.</summary>
    public int? UnusedDays { get; init; }

    /// <summary>The key a StartRotation change created (its secret shown only once).</summary>
    internal NewAccessKey? NewAccessKey { get; set; }
}
