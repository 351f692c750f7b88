namespace IamOps.Audit;

/// <summary>One of a user's two signing certificates as the credential report shows it; <see cref="Exists"/> is false for an empty slot.</summary>
public sealed class CredentialReportCertificate
{
    /// <summary>1 or 2: the report's cert_1 or cert_2 columns.</summary>
    public int Number { get; init; }

    public bool Exists => LastRotated is not null;

    public bool Active { get; init; }

    public DateTime? LastRotated { get; init; }

    /// <summary>Whole days from <see cref="LastRotated"/> to the report's time.</summary>
    public int? AgeDays { get; init; }

    public override string ToString() => Exists ? $"{(Active ? "active" : "inactive")}, {AgeDays}d old" : "none";
}
