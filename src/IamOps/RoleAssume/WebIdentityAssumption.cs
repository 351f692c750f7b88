using IamOps.Aws;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.RoleAssume;

/// <summary>
/// Assumes a role with a web identity token (AssumeRoleWithWebIdentity) or a SAML assertion (AssumeRoleWithSAML):
/// unsigned calls, so the connection needs no credentials. Serves a cached session for the same token when still
/// good, and turns each refusal into its own error with the fix.
/// </summary>
public sealed class WebIdentityAssumption
{
    /// <summary>The session name when none is given (AWS_ROLE_SESSION_NAME or -RoleSessionName).</summary>
    public const string DefaultSessionName = "IamOps-WebIdentity";

    private readonly IAwsConnection _connection;
    private readonly RoleSessionCache _cache;
    private readonly Func<RoleSession, IAwsConnection> _connectAs;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    /// <param name="connection">An unsigned connection (or the sandbox): the token is the proof.</param>
    /// <param name="connectAs">A connection using a session's credentials, for -Verify.</param>
    public WebIdentityAssumption(IAwsConnection connection, RoleSessionCache cache, Func<RoleSession, IAwsConnection> connectAs, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _connection = connection;
        _cache = cache;
        _connectAs = connectAs;
        _delay = delay ?? Task.Delay;
    }

    /// <summary>Called before each -WaitForRole pause with the attempt number and the pause.</summary>
    public Action<int, TimeSpan>? Waiting { get; set; }

    /// <summary>Checks what can be checked offline: the role ARN, session name, duration and (for SAML) the provider ARN.</summary>
    public static void Check(WebIdentityRequest request)
    {
        RoleAssumeValidation.ParseRoleArn(request.RoleArn);
        RoleAssumeValidation.Check(new RoleAssumeRequest { RoleArn = request.RoleArn, RoleSessionName = request.RoleSessionName, DurationSeconds = request.DurationSeconds, Policy = request.Policy, PolicyArns = request.PolicyArns });
        if (request.PrincipalArn is { } provider && !System.Text.RegularExpressions.Regex.IsMatch(provider, @"^arn:aws[a-z-]*:iam::\d{12}:saml-provider/[\w+=,.@-]{1,128}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            throw new IamOpsException("SamlProviderArnInvalid", FailureKind.InvalidArgument,
                $"-PrincipalArn '{provider}' is not a SAML provider ARN such as arn:aws:iam::111122223333:saml-provider/Okta (the Arn Add-IamIdentityProvider -Name ... returns).", provider);
        }
    }

    public async Task<RoleSession> AssumeAsync(WebIdentityRequest request, WebIdentityToken token, CancellationToken cancellationToken)
    {
        Check(request);
        var sessionName = request.RoleSessionName ?? DefaultSessionName;
        var key = CacheKey(request, sessionName, token.Digest);
        if (Cached(request, key) is { } cached)
        {
            return await Served(cached, request, cancellationToken).ConfigureAwait(false);
        }

        FederatedRoleSession issued;
        try
        {
            issued = await WithWaiting(request, () => _connection.Sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
            {
                RoleArn = request.RoleArn,
                RoleSessionName = sessionName,
                WebIdentityToken = token.Text,
                DurationSeconds = request.DurationSeconds,
                Policy = request.Policy,
                PolicyArns = request.PolicyArns,
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (IamOpsException failure)
        {
            var trust = failure.AwsErrorCode == "AccessDenied" ? await ReadTrustAsync(request.RoleArn, WebIdentityFailures.HostOf(token.Issuer), cancellationToken).ConfigureAwait(false) : null;
            throw WebIdentityFailures.Explain(failure, token, request.RoleArn, trust);
        }

        return await Keep(request, key, issued, sessionName, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RoleSession> AssumeAsync(WebIdentityRequest request, SamlAssertion assertion, CancellationToken cancellationToken)
    {
        Check(request);
        var principal = request.PrincipalArn ?? throw new IamOpsException("SamlProviderArnInvalid", FailureKind.InvalidArgument, "-SamlAssertion needs -PrincipalArn, the ARN of the SAML provider that issued it.");
        var key = CacheKey(request, principal, assertion.Digest);
        if (Cached(request, key) is { } cached)
        {
            return await Served(cached, request, cancellationToken).ConfigureAwait(false);
        }

        FederatedRoleSession issued;
        try
        {
            issued = await WithWaiting(request, () => _connection.Sts.AssumeRoleWithSamlAsync(new AssumeRoleWithSamlRequest
            {
                RoleArn = request.RoleArn,
                PrincipalArn = principal,
                SamlAssertion = assertion.Text,
                DurationSeconds = request.DurationSeconds,
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (IamOpsException failure)
        {
            throw WebIdentityFailures.ExplainSaml(failure, assertion, request.RoleArn, principal);
        }

        var sessionName = issued.Session.AssumedRoleArn.Substring(issued.Session.AssumedRoleArn.LastIndexOf('/') + 1);
        return await Keep(request, key, issued, sessionName, cancellationToken).ConfigureAwait(false);
    }

    private Task<FederatedRoleSession> WithWaiting(WebIdentityRequest request, Func<Task<FederatedRoleSession>> call, CancellationToken cancellationToken) =>
        PropagationRetry.RunAsync(call, failure => failure.AwsErrorCode == "AccessDenied", _delay, cancellationToken, request.WaitForRole ?? TimeSpan.Zero, Waiting);

    private RoleSession? Cached(WebIdentityRequest request, string key) =>
        !request.NoCache && _cache.TryGet(key, out var found) ? found as RoleSession : null;

    private async Task<RoleSession> Keep(WebIdentityRequest request, string key, FederatedRoleSession issued, string sessionName, CancellationToken cancellationToken)
    {
        var (account, _) = RoleAssumeValidation.ParseRoleArn(request.RoleArn);
        var session = new RoleSession
        {
            AccessKeyId = issued.Session.Credentials.AccessKeyId,
            SecretAccessKey = SecretText.ToSecureString(issued.Session.Credentials.SecretAccessKey),
            SessionToken = SecretText.ToSecureString(issued.Session.Credentials.SessionToken),
            Expiration = DateTime.SpecifyKind(issued.Session.Credentials.Expiration.ToUniversalTime(), DateTimeKind.Utc),
            AssumedRoleArn = issued.Session.AssumedRoleArn,
            AssumedRoleId = issued.Session.AssumedRoleId,
            SourceIdentity = issued.Session.SourceIdentity,
            Account = account,
            RoleArn = request.RoleArn,
            RoleSessionName = sessionName,
            Subject = issued.Subject,
            Provider = issued.Provider,
        };
        if (!request.NoCache)
        {
            _cache.Add(key, session);
        }

        return request.Verify ? session.With(fromCache: false, await _connectAs(session).Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false)) : session;
    }

    private async Task<RoleSession> Served(RoleSession cached, WebIdentityRequest request, CancellationToken cancellationToken) =>
        cached.With(fromCache: true, request.Verify ? await _connectAs(cached).Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false) : null);

    /// <summary>The role's trust, when the connection may read it (the sandbox can; an unsigned AWS connection cannot).</summary>
    private async Task<FederatedTrustReading?> ReadTrustAsync(string roleArn, string issuerHost, CancellationToken cancellationToken)
    {
        try
        {
            var role = await _connection.AccountReader.GetRoleAsync(RoleAssumeValidation.ParseRoleArn(roleArn).RoleName, cancellationToken).ConfigureAwait(false);
            return FederatedTrustReading.Read(role.AssumeRolePolicyDocument, issuerHost);
        }
        catch (Exception ex) when (ex is IamOpsException or InvalidOperationException)
        {
            return null;
        }
    }

    private string CacheKey(WebIdentityRequest request, string sessionName, string digest) => string.Join("\n",
        "federated",
        _connection.SessionScope,
        request.RoleArn,
        sessionName,
        digest,
        request.DurationSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        request.Policy,
        string.Join(",", request.PolicyArns));
}
