using System.Globalization;
using IamOps.Aws;
using IamOps.Secrets;

namespace IamOps.RoleAssume;

/// <summary>
/// Makes a user's MFA session with STS GetSessionToken, as aws-vault does: validated offline, served from the cache
/// (the same one role sessions use) until five minutes before expiry, failures explained.
/// </summary>
public sealed class MfaSessionIssuer
{
    public const int MinimumDuration = 900;
    public const int MaximumDuration = 129600;

    private readonly IAwsConnection _connection;
    private readonly RoleSessionCache _cache;
    private readonly string _scope;
    private readonly Func<TemporarySession, IAwsConnection> _connectAs;
    private readonly UsedMfaCodes _usedCodes;

    /// <param name="scope">Which account or endpoint the connection points at, so cached sessions never cross them.</param>
    /// <param name="connectAs">A connection using a session's credentials, for -Verify.</param>
    /// <param name="usedCodes">Codes this session already sent, to say "already used" instead of "wrong" when STS refuses one again.</param>
    public MfaSessionIssuer(IAwsConnection connection, RoleSessionCache cache, string scope, Func<TemporarySession, IAwsConnection> connectAs, UsedMfaCodes usedCodes)
    {
        _connection = connection;
        _cache = cache;
        _scope = scope;
        _connectAs = connectAs;
        _usedCodes = usedCodes;
    }

    /// <summary>An issuer through <paramref name="connection"/>: sessions cached in its scope.</summary>
    public static MfaSessionIssuer Through(IAwsConnection connection, RoleSessionCache cache, Func<TemporarySession, IAwsConnection> connectAs, UsedMfaCodes usedCodes) =>
        new(connection, cache, connection.SessionScope, connectAs, usedCodes);

    /// <summary>
    /// Get-IamSessionToken's whole flow: when a device is named and no code given, a still-good cached session, else the
    /// code asked for with <paramref name="askForCode"/>; then the session (cached or new) from GetSessionToken.
    /// </summary>
    /// <param name="verbose">Told which session was served, for the verbose stream.</param>
    public async Task<MfaSession> IssueAsync(MfaSessionRequest request, Func<string, string> askForCode, Action<string> verbose, CancellationToken cancellationToken)
    {
        if (request.SerialNumber is not null && request.TokenCode is null)
        {
            if (await FindCachedAsync(request, cancellationToken).ConfigureAwait(false) is { } cached)
            {
                verbose($"Cached MFA session of {cached.UserArn}, expires {cached.Expiration:u}.");
                return cached;
            }

            request = request with { TokenCode = askForCode(request.SerialNumber) };
            Check(request);
        }

        var session = await IssueAsync(request, cancellationToken).ConfigureAwait(false);
        verbose($"{(session.FromCache ? "Cached" : "New")} MFA session of {session.UserArn}, expires {session.Expiration:u}.");
        return session;
    }

    public static void Check(MfaSessionRequest request)
    {
        RoleAssumeValidation.CheckMfa(request.SerialNumber, request.TokenCode);
        if (request.DurationSeconds is { } duration && (duration < MinimumDuration || duration > MaximumDuration))
        {
            throw new IamOpsException("DurationOutOfRange", FailureKind.InvalidArgument,
                $"-DurationSeconds {duration} is outside GetSessionToken's range of {MinimumDuration} (15 minutes) to {MaximumDuration} (36 hours).", duration);
        }
    }

    /// <summary>A still-good cached session for <paramref name="request"/>, or null; never calls GetSessionToken.</summary>
    public async Task<MfaSession?> FindCachedAsync(MfaSessionRequest request, CancellationToken cancellationToken)
    {
        Check(request);
        var caller = await _connection.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        return request.NoCache ? null : await CachedAsync(CacheKey(caller, request), request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cached session when still good (unless -NoCache), else a new one from STS GetSessionToken.</summary>
    public async Task<MfaSession> IssueAsync(MfaSessionRequest request, CancellationToken cancellationToken)
    {
        Check(request);
        var caller = await _connection.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        if (caller.PrincipalType != "User")
        {
            throw SessionCredentialsRefused(caller.Arn, null);
        }

        var key = CacheKey(caller, request);
        if (!request.NoCache && await CachedAsync(key, request, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        if (request.SerialNumber is not null && request.TokenCode is null)
        {
            throw RoleAssumeFailures.MfaCodeNeeded(request.SerialNumber);
        }

        var alreadySent = request.SerialNumber is not null && _usedCodes.WasUsed(request.SerialNumber, request.TokenCode!);
        TemporaryCredentials issued;
        try
        {
            issued = await _connection.Sts.GetSessionTokenAsync(
                new GetSessionTokenRequest { DurationSeconds = request.DurationSeconds, SerialNumber = request.SerialNumber, TokenCode = request.TokenCode },
                cancellationToken).ConfigureAwait(false);
        }
        catch (IamOpsException failure) when (failure.AwsErrorCode == "AccessDenied" && failure.Message.IndexOf("with session credentials", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            throw SessionCredentialsRefused(caller.Arn, failure);
        }
        catch (IamOpsException failure) when (failure.AwsErrorCode == "AccessDenied" && request.SerialNumber is not null
            && failure.Message.IndexOf("MultiFactorAuthentication", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            throw RoleAssumeFailures.MfaCodeRefused(failure, request.SerialNumber, alreadySent, request.SerialNumber);
        }

        if (request.SerialNumber is not null)
        {
            _usedCodes.Remember(request.SerialNumber, request.TokenCode!);
        }

        var session = new MfaSession
        {
            AccessKeyId = issued.AccessKeyId,
            SecretAccessKey = SecretText.ToSecureString(issued.SecretAccessKey),
            SessionToken = SecretText.ToSecureString(issued.SessionToken),
            Expiration = DateTime.SpecifyKind(issued.Expiration.ToUniversalTime(), DateTimeKind.Utc),
            Account = caller.Account,
            UserArn = caller.Arn,
            SerialNumber = request.SerialNumber,
        };
        if (!request.NoCache)
        {
            _cache.Add(key, session);
        }

        return request.Verify ? session.With(false, await VerifyAsync(session, cancellationToken).ConfigureAwait(false)) : session;
    }

    private static IamOpsException SessionCredentialsRefused(string caller, IamOpsException? failure) =>
        new("MfaSessionNeedsUser", FailureKind.InvalidOperation,
            $"GetSessionToken makes sessions for IAM users' long-term keys, and {caller} is signed in with session credentials. Run Get-IamSessionToken with the user's access key (-ProfileName, -AccessKey/-SecretKey), not with a session.", caller, failure)
        {
            AwsErrorCode = failure?.AwsErrorCode,
            RequestId = failure?.RequestId,
            HttpStatus = failure?.HttpStatus,
        };

    private async Task<MfaSession?> CachedAsync(string key, MfaSessionRequest request, CancellationToken cancellationToken) =>
        _cache.TryGet(key, out var found) && found is MfaSession session
            ? session.With(true, request.Verify ? await VerifyAsync(session, cancellationToken).ConfigureAwait(false) : null)
            : null;

    private Task<CallerIdentity> VerifyAsync(TemporarySession session, CancellationToken cancellationToken) =>
        _connectAs(session).Sts.GetCallerIdentityAsync(cancellationToken);

    // Like aws-vault: one MFA session per user and device, whatever duration a later call asks for, while it is good.
    private string CacheKey(CallerIdentity caller, MfaSessionRequest request) => string.Join("\n",
        "GetSessionToken", _scope, caller.Arn, request.SerialNumber, request.DurationSeconds?.ToString(CultureInfo.InvariantCulture));
}
