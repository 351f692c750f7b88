namespace IamOps.Baseline;

/// <summary>
/// What a baseline run did: one row per control (new credentials on the admin rows), the new credentials themselves,
/// and the failures to report.
/// </summary>
public sealed record BaselineOutcome(IReadOnlyList<BaselineControl> Controls, IReadOnlyList<AdminCredential> Credentials, IReadOnlyList<(IamOpsException Failure, object? Target)> Failures);
