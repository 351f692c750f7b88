using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>Who is calling: an IAM user (by access key) or an assumed-role session (by ASIA key).</summary>
internal sealed class CallerPrincipal
{
    private CallerPrincipal(string arn, string userId)
    {
        Arn = arn;
        UserId = userId;
    }

    public string Arn { get; }

    public string UserId { get; }

    public UserState? User { get; private init; }

    public SessionState? Session { get; private init; }

    /// <summary>For a session: the role's ARN, which trust policies name.</summary>
    public string? RoleArn { get; private init; }

    public string? AccessKeyId { get; private init; }

    /// <summary>ARNs a trust policy may name to mean this caller.</summary>
    public IReadOnlyCollection<string> MatchingArns => RoleArn is null ? new[] { Arn } : new[] { Arn, RoleArn };

    public static CallerPrincipal ForUser(string accountId, UserState user, string accessKeyId) =>
        new($"arn:aws:iam::{accountId}:user{user.Path}{user.Name}", user.Id) { User = user, AccessKeyId = accessKeyId };

    public static CallerPrincipal ForSession(string accountId, SessionState session, string rolePath) =>
        new($"arn:aws:sts::{accountId}:assumed-role/{session.RoleName}/{session.SessionName}", $"{session.RoleId}:{session.SessionName}")
        {
            Session = session,
            RoleArn = $"arn:aws:iam::{accountId}:role{rolePath}{session.RoleName}",
            AccessKeyId = session.AccessKeyId,
        };
}
