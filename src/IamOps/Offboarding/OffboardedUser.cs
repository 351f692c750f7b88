namespace IamOps.Offboarding;

/// <summary>One input after the batch: its result object, and the failure to report for it (rejections were reported as they came).</summary>
public sealed record OffboardedUser(OffboardingResult Result, IamOpsException? Failure);
