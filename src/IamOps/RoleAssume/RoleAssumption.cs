using System.Globalization;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.RoleAssume;

/// <summary>
/// Assumes a role: validates offline, resolves the ARN and session name from the caller, serves a cached session when
/// one is still good, otherwise calls STS AssumeRole (prompting for MFA only then) and explains failures.
/// </summary>
public sealed class RoleAssumption
{
    private readonly IAwsConnection _connection;
    private readonly RoleSessionCache _cache;
    private readonly string _scope;
    private readonly Func<RoleSession, IAwsConnection> _connectAs;
    private readonly IIam? _roleReader;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private bool _roleMissing;

    /// <param name="scope">Which account or endpoint the connection points at, so cached sessions never cross them.</param>
    /// <param name="connectAs">A connection using a session's credentials, for -Verify.</param>
    /// <param name="roleReader">Reads the role to check its maximum and explain a denial; the caller's own IAM, or the sandbox's administrator.</param>
    /// <param name="delay">Waits between -WaitForRole attempts; tests pass one that moves a simulated clock.</param>
    public RoleAssumption(IAwsConnection connection, RoleSessionCache cache, string scope, Func<RoleSession, IAwsConnection> connectAs, IIam? roleReader,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _connection = connection;
        _cache = cache;
        _scope = scope;
        _connectAs = connectAs;
        _roleReader = roleReader;
        _delay = delay ?? Task.Delay;
    }

    /// <summary>An assumption through <paramref name="connection"/>: sessions cached in its scope, denials explained with its account reader.</summary>
    public static RoleAssumption Through(IAwsConnection connection, RoleSessionCache cache, Func<RoleSession, IAwsConnection> connectAs, UsedMfaCodes? usedCodes = null) =>
        new(connection, cache, connection.SessionScope, connectAs, connection.AccountReader) { UsedCodes = usedCodes };

    /// <summary>
    /// Invoke-IamRoleAssume's whole flow: when MFA needs a code and none was given, a still-good cached session, else
    /// the code asked for with <paramref name="askForCode"/>; then the session (cached or new) from AssumeRole.
    /// </summary>
    /// <param name="askForCode">Asks the user for the device's code (serial number in); throws when no one can answer.</param>
    /// <param name="verbose">Told which session was served, for the verbose stream.</param>
    public async Task<RoleSession> AssumeAsync(RoleAssumeRequest request, Func<string, string> askForCode, Action<string> verbose, CancellationToken cancellationToken)
    {
        if (request.SerialNumber is not null && request.TokenCode is null)
        {
            var cached = request.NoCache ? null : await FindCachedAsync(request, cancellationToken).ConfigureAwait(false);
            if (cached is not null)
            {
                return cached;
            }

            request = request with { TokenCode = askForCode(request.SerialNumber) };
            RoleAssumeValidation.Check(request);
        }

        var session = await AssumeAsync(request, cancellationToken).ConfigureAwait(false);
        verbose($"{(session.FromCache ? "Cached" : "New")} session {session.AssumedRoleArn}, expires {session.Expiration:u}.");
        return session;
    }

    /// <summary>Codes this PowerShell session sent, to tell an already used code from a wrong one; null: not tracked.</summary>
    public UsedMfaCodes? UsedCodes { get; init; }

    /// <summary>Called before each -WaitForRole pause with the attempt number and the pause, for verbose output.</summary>
    public Action<int, TimeSpan>? Waiting { get; set; }

    /// <summary>A still-good cached session for <paramref name="request"/>, or null; never calls AssumeRole.</summary>
    public async Task<RoleSession?> FindCachedAsync(RoleAssumeRequest request, CancellationToken cancellationToken)
    {
        var target = await ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        return target.Cached is null ? null : await Served(target.Cached, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cached session when still good (unless -NoCache), else a new one from STS AssumeRole.</summary>
    public async Task<RoleSession> AssumeAsync(RoleAssumeRequest request, CancellationToken cancellationToken)
    {
        var (caller, roleArn, roleAccount, roleName, sessionName, chained, key, cached) = await ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            return await Served(cached, request, cancellationToken).ConfigureAwait(false);
        }

        if (request.SerialNumber is not null && request.TokenCode is null)
        {
            throw RoleAssumeFailures.MfaCodeNeeded(request.SerialNumber);
        }

        var role = !chained && request.DurationSeconds > RoleAssumeValidation.ChainedMaximumDuration && roleAccount == caller.Account ? await TryReadRoleAsync(roleName, cancellationToken).ConfigureAwait(false) : null;
        if (request.DurationSeconds is { } duration && role is not null && duration > role.MaxSessionDuration)
        {
            throw RoleAssumeFailures.RoleMaximum(roleArn, duration, role.MaxSessionDuration);
        }

        var asked = request;
        var alreadySent = request.SerialNumber is not null && request.TokenCode is not null && UsedCodes?.WasUsed(request.SerialNumber, request.TokenCode) == true;
        AssumedRoleSession issued;
        var waited = TimeSpan.Zero;
        try
        {
            issued = await PropagationRetry.RunAsync(
                () => _connection.Sts.AssumeRoleAsync(StsRequest(asked, roleArn, sessionName), cancellationToken),
                MayBePropagating,
                _delay,
                cancellationToken,
                request.WaitForRole ?? TimeSpan.Zero,
                (attempt, pause) =>
                {
                    waited += pause;
                    Waiting?.Invoke(attempt, pause);
                }).ConfigureAwait(false);
        }
        catch (IamOpsException failure)
        {
            role ??= failure.AwsErrorCode == "AccessDenied" && roleAccount == caller.Account ? await TryReadRoleAsync(roleName, cancellationToken).ConfigureAwait(false) : null;
            if (failure.AwsErrorCode == "AccessDenied" && role is null && (_roleMissing || failure.Message.IndexOf("does not exist", StringComparison.Ordinal) >= 0))
            {
                throw RoleAssumeFailures.RoleNotFound(failure, roleArn, roleAccount);
            }

            var explained = RoleAssumeFailures.Explain(failure, caller, roleArn, asked, role is null ? null : ReadTrust(role, caller), role?.MaxSessionDuration, alreadySent);
            throw waited > TimeSpan.Zero ? RoleAssumeFailures.StillDeniedAfterWaiting(explained, waited) : explained;
        }

        if (request.SerialNumber is not null && request.TokenCode is not null)
        {
            UsedCodes?.Remember(request.SerialNumber, request.TokenCode);
        }

        var session = new RoleSession
        {
            AccessKeyId = issued.Credentials.AccessKeyId,
            SecretAccessKey = SecretText.ToSecureString(issued.Credentials.SecretAccessKey),
            SessionToken = SecretText.ToSecureString(issued.Credentials.SessionToken),
            Expiration = DateTime.SpecifyKind(issued.Credentials.Expiration.ToUniversalTime(), DateTimeKind.Utc),
            AssumedRoleArn = issued.AssumedRoleArn,
            AssumedRoleId = issued.AssumedRoleId,
            SourceIdentity = issued.SourceIdentity,
            PackedPolicySize = issued.PackedPolicySize,
            Account = roleAccount,
            RoleArn = roleArn,
            RoleSessionName = sessionName,
        };
        if (!request.NoCache)
        {
            _cache.Add(key, session);
        }

        return request.Verify ? session.With(fromCache: false, await VerifyAsync(session, cancellationToken).ConfigureAwait(false)) : session;
    }

    private async Task<(CallerIdentity Caller, string RoleArn, string RoleAccount, string RoleName, string SessionName, bool Chained, string Key, RoleSession? Cached)> ResolveAsync(
        RoleAssumeRequest request, CancellationToken cancellationToken)
    {
        RoleAssumeValidation.Check(request);
        var caller = await _connection.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        var roleArn = request.RoleArn ?? $"arn:{caller.Partition}:iam::{request.AccountId ?? caller.Account}:role/{request.RoleName}";
        var (roleAccount, roleName) = RoleAssumeValidation.ParseRoleArn(roleArn);
        var sessionName = request.RoleSessionName ?? RoleSessionNames.From(caller.PrincipalName);
        var chained = caller.PrincipalType == "AssumedRole";
        if (chained && request.DurationSeconds > RoleAssumeValidation.ChainedMaximumDuration)
        {
            throw RoleAssumeFailures.ChainingLimit(roleArn, request.DurationSeconds.Value);
        }

        var key = CacheKey(caller, roleArn, sessionName, request);
        var cached = !request.NoCache && _cache.TryGet(key, out var found) ? found as RoleSession : null;
        return (caller, roleArn, roleAccount, roleName, sessionName, chained, key, cached);
    }

    /// <summary>
    /// A denial right after a role or its trust policy changed is IAM still propagating; an MFA code rejection is not
    /// (a code is single-use, so retrying it only fails again).
    /// </summary>
    private static bool MayBePropagating(IamOpsException failure) =>
        failure.AwsErrorCode == "AccessDenied" && failure.Message.IndexOf("MultiFactorAuthentication", StringComparison.OrdinalIgnoreCase) < 0;

    private async Task<RoleSession> Served(RoleSession cached, RoleAssumeRequest request, CancellationToken cancellationToken) =>
        cached.With(fromCache: true, request.Verify ? await VerifyAsync(cached, cancellationToken).ConfigureAwait(false) : null);

    private static AssumeRoleRequest StsRequest(RoleAssumeRequest request, string roleArn, string sessionName) => new()
    {
        RoleArn = roleArn,
        RoleSessionName = sessionName,
        DurationSeconds = request.DurationSeconds,
        ExternalId = request.ExternalId,
        SerialNumber = request.SerialNumber,
        TokenCode = request.TokenCode,
        Policy = request.Policy,
        PolicyArns = request.PolicyArns,
        Tags = request.Tags.Select(t => new IamTag(t.Key, t.Value)).ToList(),
        TransitiveTagKeys = request.TransitiveTagKeys,
        SourceIdentity = request.SourceIdentity,
    };

    private static TrustPolicyReading? ReadTrust(IamRole role, CallerIdentity caller)
    {
        var arns = new List<string> { caller.Arn };
        if (caller.RoleName is not null)
        {
            arns.Add($"arn:{caller.Partition}:iam::{caller.Account}:role/{caller.RoleName}");
        }

        try
        {
            var document = role.AssumeRolePolicyDocument.StartsWith("%", StringComparison.Ordinal) ? Uri.UnescapeDataString(role.AssumeRolePolicyDocument) : role.AssumeRolePolicyDocument;
            return TrustPolicyReading.Read(document, caller.Account, arns);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The role, when the reader may see it; a denial or absence just means no extra explanation.</summary>
    private async Task<IamRole?> TryReadRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        if (_roleReader is null)
        {
            return null;
        }

        try
        {
            return await _roleReader.GetRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
        }
        catch (IamOpsException failure)
        {
            _roleMissing = failure.AwsErrorCode == "NoSuchEntity";
            return null;
        }
    }

    private Task<CallerIdentity> VerifyAsync(RoleSession session, CancellationToken cancellationToken) =>
        _connectAs(session).Sts.GetCallerIdentityAsync(cancellationToken);

    private string CacheKey(CallerIdentity caller, string roleArn, string sessionName, RoleAssumeRequest request) => string.Join("\n",
        _scope,
        caller.Arn,
        roleArn,
        sessionName,
        request.DurationSeconds?.ToString(CultureInfo.InvariantCulture),
        request.ExternalId,
        request.SerialNumber,
        request.SourceIdentity,
        request.Policy,
        string.Join(",", request.PolicyArns),
        string.Join(",", request.Tags.Select(t => t.Key + "=" + t.Value)),
        string.Join(",", request.TransitiveTagKeys));
}
