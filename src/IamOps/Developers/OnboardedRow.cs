namespace IamOps.Developers;

/// <summary>One input row after the batch: its result object and the errors to report for it, in that order of writing.</summary>
public sealed record OnboardedRow(DeveloperResult Result, IReadOnlyList<IamOpsException> Errors);
