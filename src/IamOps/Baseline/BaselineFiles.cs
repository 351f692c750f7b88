namespace IamOps.Baseline;

/// <summary>The files a baseline run writes, as full file-system paths (the caller resolves PowerShell paths).</summary>
public sealed record BaselineFiles
{
    /// <summary>The owner-only CSV of new admins' initial passwords and access keys; null writes none.</summary>
    public string? CredentialFile { get; init; }

    /// <summary>Where the QR codes of new virtual MFA devices go (a folder, or a file name for one admin); null writes none.</summary>
    public string? MfaQrCodePath { get; init; }

    /// <summary>Replace existing files instead of appending to the credential file and refusing to overwrite QR codes.</summary>
    public bool Overwrite { get; init; }
}
