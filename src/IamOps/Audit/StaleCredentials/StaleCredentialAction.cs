namespace IamOps.Audit.StaleCredentials;

/// <summary>What Disable-IamStaleCredential does to one credential.</summary>
public enum StaleCredentialAction
{
    /// <summary>An active access key unused for -Days is made Inactive (it can be made Active again).</summary>
    Deactivate,

    /// <summary>An inactive access key unused for -Days (with -Delete), or a console password unused for -Days, is deleted.</summary>
    Delete,

    /// <summary>A key in use older than -MaxKeyAge gets its replacement: a new key, whose secret is shown only now.</summary>
    StartRotation,

    /// <summary>A rotated key is deactivated once its replacement is -GracePeriod days old.</summary>
    FinishRotation,
}
