using IamOps.Aws;

namespace IamOps.Sandbox;

/// <summary>A simulated account the session's cmdlets can work on instead of AWS (implemented by IamOps.Simulator).</summary>
public interface ISandbox
{
    string AccountId { get; }

    /// <summary>In an organization sandbox the member accounts' ids (<see cref="AccountId"/> is the management account); empty for a single account.</summary>
    IReadOnlyList<string> MemberAccountIds { get; }

    /// <summary>The state file the account is saved to after each change; null for an in-memory account.</summary>
    string? StatePath { get; }

    /// <summary>A connection as the principal owning these keys; null keys mean the sandbox's administrator.</summary>
    IAwsConnection Connect(string? accessKeyId, string? secretAccessKey, string? sessionToken);

    /// <summary>Whether this sandbox issued <paramref name="accessKeyId"/>: a user's access key or a role session's.</summary>
    bool Issued(string accessKeyId);

    /// <summary>The code a virtual MFA device of this account shows at <paramref name="at"/> (the sandbox's time when null).</summary>
    string MfaCode(string serialNumber, DateTime? at);

    /// <summary>Adds S3 buckets owned by this account (S3 is simulated only as far as IAM grants need); saved with the account.</summary>
    void AddBuckets(IEnumerable<string> bucketNames, string region);

    /// <summary>Adds running EC2 instances (simulated only as far as instance profiles need); saved with the account.</summary>
    void AddInstances(IEnumerable<string> instanceIds);

    /// <summary>The sandbox's time: the system clock, plus however far <see cref="AdvanceClock"/> moved it.</summary>
    DateTime UtcNow { get; }

    /// <summary>Ages the account: moves its clock forward (saved with it), so keys and passwords go stale without waiting.</summary>
    void AdvanceClock(TimeSpan by);
}
