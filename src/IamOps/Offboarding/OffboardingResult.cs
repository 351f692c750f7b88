using IamOps.Planning;

namespace IamOps.Offboarding;

/// <summary>One Remove-IamDeveloper result: the user, what became of it and each step.</summary>
public sealed class OffboardingResult
{
    public OffboardingStatus Status { get; init; }

    public string UserName { get; init; } = string.Empty;

    public string Account { get; init; } = string.Empty;

    /// <summary>The user's ARN as it was; null when it did not exist.</summary>
    public string? Arn { get; init; }

    /// <summary>Each step made, skipped (-WhatIf), failed or not attempted, in order.</summary>
    public IReadOnlyList<string> Changes { get; init; } = Array.Empty<string>();

    /// <summary>Why nothing changed, e.g. that the user does not exist; null otherwise.</summary>
    public string? Note { get; init; }

    public static OffboardingResult From(string account, OffboardingRequest request, OffboardingPlan? plan, IReadOnlyList<AppliedChange> applied, IamOpsException? failure)
    {
        var status = failure is not null || applied.Any(a => a.Outcome is ChangeOutcome.Failed or ChangeOutcome.NotAttempted) ? OffboardingStatus.Failed
            : applied.Any(a => a.Outcome == ChangeOutcome.Skipped) ? OffboardingStatus.WouldChange
            : plan?.DoneStatus ?? OffboardingStatus.Failed;
        return new OffboardingResult
        {
            Status = status,
            UserName = request.UserName,
            Account = account,
            Arn = plan?.UserArn,
            Changes = applied.Select(a => a.ToString()).ToList(),
            Note = plan is { UserExists: false } ? $"User '{request.UserName}' does not exist; nothing to remove." : null,
        };
    }
}
