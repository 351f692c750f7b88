using IamOps.Planning;

namespace IamOps.Offboarding;

/// <summary>One user's offboarding as far as it got: its plan (null when planning failed), the applied changes, the failure.</summary>
public sealed record OffboardingOutcome(OffboardingRequest Request, OffboardingPlan? Plan, IReadOnlyList<AppliedChange> Applied, IamOpsException? Failure);
