namespace IamOps.Simulator;

/// <summary>
/// Who signed a call: a user's access key or an STS session, checked as AWS does (secret, session token, expiry,
/// propagation delay). Runs under the account's lock.
/// </summary>
internal sealed class CallerAuthenticator
{
    private readonly SimulatedAccount _account;

    public CallerAuthenticator(SimulatedAccount account) => _account = account;

    /// <summary>The secret that signs for <paramref name="accessKeyId"/>, or null when no such key exists.</summary>
    public string? FindSecret(string accessKeyId)
    {
        var state = _account.State;
        if (state.Sessions.TryGetValue(accessKeyId, out var session))
        {
            return session.SecretAccessKey;
        }

        return _account.Keys.TryGetOwner(accessKeyId, out var owner) && state.Users.TryGetValue(owner, out var user)
            ? user.AccessKeys.FirstOrDefault(k => k.AccessKeyId == accessKeyId)?.SecretAccessKey
            : null;
    }

    public CallerPrincipal Authenticate(SimulatorCredentials credentials, string service)
    {
        var state = _account.State;
        var accountId = _account.AccountId;
        var now = _account.Now;
        var secret = FindSecret(credentials.AccessKeyId);
        if (secret is not null && !string.Equals(secret, credentials.SecretAccessKey, StringComparison.Ordinal))
        {
            throw new ServiceError("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        if (state.Sessions.TryGetValue(credentials.AccessKeyId, out var session))
        {
            if (!string.Equals(session.SessionToken, credentials.SessionToken, StringComparison.Ordinal))
            {
                throw ServiceError.InvalidClientTokenId();
            }

            if (now >= session.Expiration)
            {
                throw new ServiceError(service == "sts" ? "ExpiredTokenException" : "ExpiredToken", service == "sts" ? 400 : 403, "The security token included in the request is expired");
            }

            if (session.UserName is not null)
            {
                return state.Users.TryGetValue(session.UserName, out var sessionUser) ? CallerPrincipal.ForUserSession(accountId, sessionUser, session) : throw ServiceError.InvalidClientTokenId();
            }

            var rolePath = state.Roles.TryGetValue(session.RoleName, out var role) ? role.Path : "/";
            return CallerPrincipal.ForSession(accountId, session, rolePath);
        }

        if (credentials.SessionToken is null
            && _account.Keys.TryGetOwner(credentials.AccessKeyId, out var owner)
            && state.Users.TryGetValue(owner, out var user))
        {
            var key = user.AccessKeys.First(k => k.AccessKeyId == credentials.AccessKeyId);
            // The administrator's key predates any propagation delay a test sets.
            var visible = now >= key.CreateDate + _account.PropagationDelay || key.AccessKeyId == _account.AdministratorCredentials.AccessKeyId;
            if (key.Status == "Active" && visible)
            {
                key.LastUsedDate = now;
                key.LastUsedService = service;
                key.LastUsedRegion = "us-east-1";
                return CallerPrincipal.ForUser(accountId, user, key.AccessKeyId);
            }
        }

        throw ServiceError.InvalidClientTokenId();
    }
}
