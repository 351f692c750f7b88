using System.Globalization;
using IamOps.Aws;
using IamOps.Policy;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

// AssumeRoleWithWebIdentity: the token's signature, issuer (a provider of the account), audience (one of its client ids)
// and expiry (on the sandbox clock), then the role's trust policy through the policy engine, with <issuer>:sub/:aud keys.
internal sealed partial class StsService
{
    public FederatedRoleSession AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest request)
    {
        CheckFederatedRequest(request.RoleArn, request.RoleSessionName, request.DurationSeconds);
        IamNameRules.CheckLength("webIdentityToken", request.WebIdentityToken ?? throw ServiceError.Missing("webIdentityToken"), 4, 20000);
        var issuer = WebIdentityTokens.UnverifiedIssuer(request.WebIdentityToken)
            ?? throw InvalidIdentityToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
        if (!issuer.StartsWith("https://", StringComparison.Ordinal))
        {
            throw InvalidIdentityToken($"The token's issuer {issuer} is not an https URL, so no OpenIDConnect provider can match it.");
        }

        var url = issuer.Substring("https://".Length).TrimEnd('/');
        var provider = _account.Iam.FindOidcProviderByUrl(url, out var providerArn)
            ?? throw InvalidIdentityToken($"No OpenIDConnect provider found in your account for {issuer}");
        var key = State.TokenIssuerKey
            ?? throw InvalidIdentityToken("The token's signature could not be verified: the sandbox has not issued any token.");
        var (claims, expires, refusal) = WebIdentityTokens.Verify(key, request.WebIdentityToken, issuer, provider.ClientIds);
        if (refusal is not null)
        {
            throw InvalidIdentityToken(refusal + (refusal.StartsWith("Incorrect token audience", StringComparison.Ordinal)
                ? $" (sandbox: the provider {providerArn} accepts the client ids {string.Join(", ", provider.ClientIds)})"
                : string.Empty));
        }

        var now = _account.Now;
        if (expires <= now)
        {
            throw new ServiceError("ExpiredTokenException", 400, $"Token expired: current date/time {now:yyyy-MM-dd'T'HH:mm:ss'Z'} must be before the expiration date/time {expires:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }

        var role = FindFederatedRole(request.RoleArn, "sts:AssumeRoleWithWebIdentity");
        var context = new RequestContext()
            .Set("aws:FederatedProvider", providerArn)
            .Set("sts:RoleSessionName", request.RoleSessionName)
            .Set("aws:CurrentTime", now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        foreach (var claim in claims!)
        {
            context.Set(url + ":" + claim.Key, claim.Value);
        }

        claims.TryGetValue("sub", out var subject);
        claims.TryGetValue("aud", out var audience);
        var trust = new PolicySet(new PolicySetOptions { ResourcePolicy = CompiledPolicy.Compile(role.AssumeRolePolicyDocument, "trust") });
        var roleArn = _account.Iam.RoleArn(role);
        var decision = trust.Decide(new AuthorizationRequest(providerArn, "sts:AssumeRoleWithWebIdentity", roleArn, context) { ResourceAccount = _account.AccountId });
        if (decision != EvaluationDecision.Allowed)
        {
            throw ServiceError.AccessDenied($"Not authorized to perform sts:AssumeRoleWithWebIdentity (sandbox: the trust policy of {roleArn} does not let in sub \"{subject}\", aud \"{audience}\" from {issuer})");
        }

        var session = IssueFederatedSession(role, request.RoleSessionName, request.DurationSeconds, request.Policy, request.PolicyArns);
        return new FederatedRoleSession
        {
            Session = session,
            Subject = subject,
            Audience = audience,
            Provider = url,
        };
    }

    internal static ServiceError InvalidIdentityToken(string message) => new("InvalidIdentityToken", 400, message);

    internal static void CheckFederatedRequest(string? roleArn, string? sessionName, int? durationSeconds)
    {
        IamNameRules.CheckLength("roleArn", roleArn ?? throw ServiceError.Missing("roleArn"), 20, 2048);
        IamNameRules.CheckSessionName(sessionName);
        if (durationSeconds is { } duration)
        {
            IamNameRules.CheckRange("durationSeconds", duration, 900, 43200);
        }
    }

    internal RoleState FindFederatedRole(string roleArn, string action)
    {
        var parts = roleArn.Split(new[] { ':' }, 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            throw ServiceError.Validation($"{roleArn} is invalid");
        }

        var name = parts[5].Substring(parts[5].LastIndexOf('/') + 1);
        if (parts[4] != _account.AccountId || !State.Roles.TryGetValue(name, out var role) || _account.Iam.RoleArn(role) != roleArn)
        {
            throw ServiceError.AccessDenied($"Not authorized to perform {action} (sandbox: the role {roleArn} does not exist in account {_account.AccountId})");
        }

        return _account.Now < role.CreateDate + _account.PropagationDelay ? throw ServiceError.AccessDenied($"Not authorized to perform {action}") : role;
    }

    internal AssumedRoleSession IssueFederatedSession(RoleState role, string sessionName, int? durationSeconds, string? policy, IReadOnlyList<string> policyArns)
    {
        var duration = durationSeconds ?? 3600;
        if (duration > role.MaxSessionDuration)
        {
            throw ServiceError.Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        return Issue(role, NewRoleSession(role, sessionName, duration, policy, policyArns));
    }
}
