namespace IamOps.Simulator;

/// <summary>One call the account received, as the call log keeps it.</summary>
/// <param name="Number">1-based, in arrival order; the number the fault schedule uses.</param>
/// <param name="Service">iam, sts or s3.</param>
/// <param name="Operation">The API action, e.g. CreateUser.</param>
/// <param name="IsMutating">Whether the operation changes state (when it succeeds).</param>
/// <param name="Outcome">"Success", the AWS error code, or the injected fault's name.</param>
/// <param name="Caller">The caller's ARN, when the credentials were valid.</param>
/// <param name="ChangeApplied">Whether the call changed the account (true for a fault injected after the change).</param>
public sealed record SimulatorCall(long Number, string Service, string Operation, bool IsMutating, string Outcome, string? Caller, bool ChangeApplied)
{
    public bool Succeeded => Outcome == "Success";

    /// <summary>The account the call was made to (in an organization, which of its accounts).</summary>
    public string? Account { get; init; }

    /// <summary>The access key id the call was signed with (a user's key or a session's ASIA key); never the secret.</summary>
    public string? AccessKeyId { get; init; }
}
