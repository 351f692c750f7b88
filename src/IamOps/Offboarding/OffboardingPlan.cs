using IamOps.Planning;

namespace IamOps.Offboarding;

/// <summary>The steps one user's offboarding needs, read from live state, in the order IAM requires them.</summary>
public sealed class OffboardingPlan
{
    internal OffboardingPlan(OffboardingRequest request, string? userArn, IReadOnlyList<PlannedChange> changes)
    {
        Request = request;
        UserArn = userArn;
        Changes = changes;
    }

    public OffboardingRequest Request { get; }

    /// <summary>Null when the user does not exist (nothing to do).</summary>
    public string? UserArn { get; }

    public bool UserExists => UserArn is not null;

    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>The status once every change applied: Removed or Disabled, or Unchanged when there was nothing to do.</summary>
    public OffboardingStatus DoneStatus =>
        Changes.Count == 0 ? OffboardingStatus.Unchanged
        : Request.Disable ? OffboardingStatus.Disabled
        : OffboardingStatus.Removed;
}
