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

    /// <summary>An assumed-role session; null for a user.</summary>
    public SessionState? Session { get; private init; }

    /// <summary>A user's GetSessionToken session (its MFA state); null for long-term keys and role sessions.</summary>
    public SessionState? UserSession { get; private init; }

    /// <summary>Whether MFA was used for the caller's session; null for long-term keys, where AWS leaves the key out.</summary>
    public bool? MultiFactorAuthPresent => (Session ?? UserSession)?.MultiFactorAuthPresent;

    /// <summary>For a session: the role's ARN, which trust policies name.</summary>
    public string? RoleArn { get; private init; }

    public string? AccessKeyId { get; private init; }

    /// <summary>ARNs a trust policy may name to mean this caller.</summary>
    public IReadOnlyCollection<string> MatchingArns => RoleArn is null ? new[] { Arn } : new[] { Arn, RoleArn };

    public static CallerPrincipal ForUser(string accountId, UserState user, string accessKeyId) =>
        new($"arn:aws:iam::{accountId}:user{user.Path}{user.Name}", user.Id) { User = user, AccessKeyId = accessKeyId };

    public static CallerPrincipal ForUserSession(string accountId, UserState user, SessionState session) =>
        new($"arn:aws:iam::{accountId}:user{user.Path}{user.Name}", user.Id) { User = user, UserSession = session, AccessKeyId = session.AccessKeyId };

    public static CallerPrincipal ForSession(string accountId, SessionState session, string rolePath) =>
        new($"arn:aws:sts::{accountId}:assumed-role/{session.RoleName}/{session.SessionName}", $"{session.RoleId}:{session.SessionName}")
        {
            Session = session,
            RoleArn = $"arn:aws:iam::{accountId}:role{rolePath}{session.RoleName}",
            AccessKeyId = session.AccessKeyId,
        };
}
