using System.Globalization;
using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>STS over the account: GetCallerIdentity and AssumeRole with the trust policy, duration, MFA, ExternalId, tag and SourceIdentity rules.</summary>
internal sealed partial class StsService
{
    private const int PackedPolicyLimit = 2048;
    private readonly SimulatedAccount _account;

    public StsService(SimulatedAccount account) => _account = account;

    private AccountState State => _account.State;

    public static CallerIdentity GetCallerIdentity(string accountId, CallerPrincipal caller) => new(accountId, caller.Arn, caller.UserId);

    public AssumedRoleSession AssumeRole(CallerPrincipal caller, AssumeRoleRequest request)
    {
        CheckRequest(request);
        var now = _account.Now;
        // Across the organization the role lives in another account: its trust policy and the caller's policies both decide (the engine's cross-account rule), and the session is issued there.
        var (target, role) = FindAssumableRole(caller, request.RoleArn, now);
        var roleArn = target.Iam.RoleArn(role);
        var chained = caller.Session is not null;
        var duration = request.DurationSeconds ?? 3600;
        if (chained && duration > 3600)
        {
            throw ServiceError.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        if (duration > role.MaxSessionDuration)
        {
            throw ServiceError.Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        var mfa = caller.MultiFactorAuthPresent ?? false;
        if (request.SerialNumber is not null || request.TokenCode is not null)
        {
            mfa = VerifyMfa(caller, request.SerialNumber, request.TokenCode, now);
        }

        var sourceIdentity = caller.Session?.SourceIdentity;
        if (sourceIdentity is not null && request.SourceIdentity is not null && request.SourceIdentity != sourceIdentity)
        {
            throw ServiceError.AccessDenied($"User: {caller.Arn} is not authorized to perform: sts:SetSourceIdentity on resource: {roleArn}: the source identity of a role chain cannot change.");
        }

        sourceIdentity ??= request.SourceIdentity;
        var context = Context(caller, request, mfa);
        Authorize(role, roleArn, caller, "sts:AssumeRole", context);
        if (request.Tags.Count > 0)
        {
            Authorize(role, roleArn, caller, "sts:TagSession", context);
        }

        if (request.SourceIdentity is not null)
        {
            Authorize(role, roleArn, caller, "sts:SetSourceIdentity", context);
        }

        var packed = PackedSize(request);
        if (packed > PackedPolicyLimit)
        {
            throw new ServiceError("PackedPolicyTooLarge", 400, $"Packed policy consumes {packed * 100 / PackedPolicyLimit}% of allotted space, please use smaller policy.");
        }

        var inherited = caller.Session?.TransitiveTags ?? new List<TagState>();
        var tags = IamService.ToState(request.Tags);
        var session = target.Sts.NewRoleSession(role, request.RoleSessionName, duration, request.Policy, request.PolicyArns);
        session.MultiFactorAuthPresent = mfa;
        session.SourceIdentity = sourceIdentity;
        session.Tags = inherited.Concat(tags).ToList();
        session.TransitiveTags = inherited.Concat(tags.Where(t => request.TransitiveTagKeys.Contains(t.Key, StringComparer.OrdinalIgnoreCase))).ToList();
        return target.Sts.Issue(role, session) with
        {
            PackedPolicySize = request.Policy is null && request.PolicyArns.Count == 0 && request.Tags.Count == 0 ? null : packed * 100 / PackedPolicyLimit,
            SourceIdentity = sourceIdentity,
        };
    }

    /// <summary>A new session of <paramref name="role"/>, not yet issued: fresh credentials, expiry and issue time on the account's clock.</summary>
    internal SessionState NewRoleSession(RoleState role, string sessionName, int durationSeconds, string? policy, IReadOnlyList<string> policyArns) => new()
    {
        AccessKeyId = SecretGenerator.AccessKeyId("ASIA"),
        SecretAccessKey = SecretGenerator.SecretAccessKey(),
        SessionToken = SecretGenerator.SessionToken(),
        Expiration = _account.Now.AddSeconds(durationSeconds),
        RoleName = role.Name,
        RoleId = role.Id,
        SessionName = sessionName,
        // Full precision (not the account's whole seconds): a session issued just after a revocation is newer than it.
        IssuedAt = _account.PreciseNow,
        SessionPolicy = policy,
        SessionPolicyArns = policyArns.ToList(),
    };

    /// <summary>Stores the session (pruning expired ones), marks the role used, and returns what STS answers.</summary>
    internal AssumedRoleSession Issue(RoleState role, SessionState session)
    {
        var now = _account.Now;
        PruneExpiredSessions(now);
        State.Sessions[session.AccessKeyId] = session;
        role.LastUsedDate = now;
        role.LastUsedRegion = "us-east-1";
        return new AssumedRoleSession
        {
            Credentials = new TemporaryCredentials { AccessKeyId = session.AccessKeyId, SecretAccessKey = session.SecretAccessKey, SessionToken = session.SessionToken, Expiration = session.Expiration },
            AssumedRoleArn = $"arn:aws:sts::{_account.AccountId}:assumed-role/{role.Name}/{session.SessionName}",
            AssumedRoleId = $"{role.Id}:{session.SessionName}",
        };
    }

    /// <summary>
    /// STS GetSessionToken: temporary credentials for the calling IAM user, marked as MFA-authenticated when a current
    /// code of one of the user's devices is given. Session credentials cannot call it, as in AWS.
    /// </summary>
    public TemporaryCredentials GetSessionToken(CallerPrincipal caller, GetSessionTokenRequest request)
    {
        if (caller.Session is not null || caller.UserSession is not null || caller.User is null)
        {
            throw ServiceError.AccessDenied("Cannot call GetSessionToken with session credentials");
        }

        var duration = request.DurationSeconds ?? 43200;
        IamNameRules.CheckRange("durationSeconds", duration, 900, 129600);
        if (request.SerialNumber is not null)
        {
            IamNameRules.CheckLength("serialNumber", request.SerialNumber, 9, 256);
        }

        if (request.TokenCode is not null && (request.TokenCode.Length != 6 || !request.TokenCode.All(char.IsDigit)))
        {
            throw ServiceError.Constraint("tokenCode", request.TokenCode, @"Member must satisfy regular expression pattern: [\d]*");
        }

        var now = _account.Now;
        var mfa = (request.SerialNumber is not null || request.TokenCode is not null) && VerifyMfa(caller, request.SerialNumber, request.TokenCode, now);
        if (_account.EnforcePermissions
            && _account.Authorizer.Decide(caller, new Permission("sts:GetSessionToken", "*")) == Policy.EvaluationDecision.ExplicitDeny)
        {
            throw PrincipalAuthorizer.Denied(caller, new Permission("sts:GetSessionToken", "*"), Policy.EvaluationDecision.ExplicitDeny);
        }

        PruneExpiredSessions(now);
        var session = new SessionState
        {
            AccessKeyId = SecretGenerator.AccessKeyId("ASIA"),
            SecretAccessKey = SecretGenerator.SecretAccessKey(),
            SessionToken = SecretGenerator.SessionToken(),
            Expiration = now.AddSeconds(duration),
            UserName = caller.User.Name,
            IssuedAt = _account.PreciseNow,
            MultiFactorAuthPresent = mfa,
        };
        State.Sessions[session.AccessKeyId] = session;
        return new TemporaryCredentials { AccessKeyId = session.AccessKeyId, SecretAccessKey = session.SecretAccessKey, SessionToken = session.SessionToken, Expiration = session.Expiration };
    }

    private static void CheckRequest(AssumeRoleRequest request)
    {
        if (request.RoleArn is null)
        {
            throw ServiceError.Missing("roleArn");
        }

        IamNameRules.CheckLength("roleArn", request.RoleArn, 20, 2048);
        IamNameRules.CheckSessionName(request.RoleSessionName);
        if (request.DurationSeconds is { } duration)
        {
            IamNameRules.CheckRange("durationSeconds", duration, 900, 43200);
        }

        IamNameRules.CheckExternalId(request.ExternalId);
        if (request.SerialNumber is not null)
        {
            IamNameRules.CheckLength("serialNumber", request.SerialNumber, 9, 256);
        }

        if (request.TokenCode is not null && (request.TokenCode.Length != 6 || !request.TokenCode.All(char.IsDigit)))
        {
            throw ServiceError.Constraint("tokenCode", request.TokenCode, @"Member must satisfy regular expression pattern: [\d]*");
        }

        if (request.SourceIdentity is not null)
        {
            IamNameRules.CheckLength("sourceIdentity", request.SourceIdentity, 2, 64);
            if (request.SourceIdentity.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw ServiceError.Validation("SourceIdentity cannot start with 'aws:'.");
            }
        }

        if (request.Tags.Count > 50)
        {
            throw ServiceError.Validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
        }

        foreach (var tag in request.Tags)
        {
            IamNameRules.CheckLength("tags.member.key", tag.Key, 1, 128);
            IamNameRules.CheckLength("tags.member.value", tag.Value, 0, 256);
        }

        if (request.Tags.Select(t => t.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count() != request.Tags.Count)
        {
            throw ServiceError.Validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        }

        if (request.PolicyArns.Count > 10)
        {
            throw ServiceError.Validation("1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");
        }

        if (request.Policy is not null)
        {
            PolicyDocumentLimits.CheckCharacters("policy", request.Policy);
            PolicyGrammar.Check(request.Policy, PolicyKind.Identity);
        }
    }

    /// <summary>The role <paramref name="roleArn"/> names and its account: this one, or another account of its organization (whose lock the call holds too).</summary>
    private (SimulatedAccount Account, RoleState Role) FindAssumableRole(CallerPrincipal caller, string roleArn, DateTime now)
    {
        var denied = ServiceError.AccessDenied($"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        var parts = roleArn.Split(new[] { ':' }, 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            throw ServiceError.Validation($"{roleArn} is invalid");
        }

        var name = parts[5].Substring(parts[5].LastIndexOf('/') + 1);
        var target = parts[4] == _account.AccountId ? _account : _account.PeerOf(roleArn) ?? throw denied;
        if (!target.State.Roles.TryGetValue(name, out var role) || target.Iam.RoleArn(role) != roleArn)
        {
            // AWS cannot tell a caller that a role is missing; the sandbox can, so it says so.
            throw ServiceError.AccessDenied(denied.Message + $" (sandbox: the role {roleArn} does not exist in account {target.AccountId})");
        }

        // Eventual consistency: a role younger than the propagation delay is not yet assumable.
        return now < role.CreateDate + target.PropagationDelay ? throw denied : (target, role);
    }

    private bool VerifyMfa(CallerPrincipal caller, string? serialNumber, string? tokenCode, DateTime now)
    {
        if (serialNumber is null || tokenCode is null)
        {
            throw ServiceError.AccessDenied("MultiFactorAuthentication failed, unable to validate MFA code.");
        }

        if (caller.User is null || !caller.User.MfaSerials.Contains(serialNumber) || !State.MfaDevices.TryGetValue(serialNumber, out var device))
        {
            throw ServiceError.AccessDenied("MultiFactorAuthentication failed, unable to validate MFA code.");
        }

        var key = TimeBasedOneTimePassword.FromBase32(device.Base32Seed);
        var current = TimeBasedOneTimePassword.StepAt(now);
        var replayed = false;
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (TimeBasedOneTimePassword.ComputeAtStep(key, step) != tokenCode)
            {
                continue;
            }

            // A code is good once: a step at or before the last accepted one is a replay.
            if (step > device.LastUsedStep)
            {
                device.LastUsedStep = step;
                return true;
            }

            replayed = true;
        }

        // AWS words both the same way; the sandbox can tell a replay apart, and says so.
        throw ServiceError.AccessDenied(replayed
            ? "MultiFactorAuthentication failed with invalid MFA one time pass code: the code was already used in this 30-second window."
            : "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    }

    private Dictionary<string, IReadOnlyList<string>> Context(CallerPrincipal caller, AssumeRoleRequest request, bool mfa)
    {
        var context = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:PrincipalArn"] = new[] { caller.RoleArn ?? caller.Arn },
            ["aws:PrincipalAccount"] = new[] { _account.AccountId },
            ["aws:userid"] = new[] { caller.UserId },
            ["sts:RoleSessionName"] = new[] { request.RoleSessionName },
            ["aws:CurrentTime"] = new[] { _account.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) },
        };

        // Absent for long-term keys without MFA, as in AWS: policies use BoolIfExists for that reason.
        if (mfa || caller.MultiFactorAuthPresent is not null)
        {
            context["aws:MultiFactorAuthPresent"] = new[] { mfa ? "true" : "false" };
        }

        if (caller.User is not null)
        {
            context["aws:username"] = new[] { caller.User.Name };
            foreach (var tag in caller.User.Tags)
            {
                context["aws:PrincipalTag/" + tag.Key] = new[] { tag.Value };
            }
        }

        foreach (var tag in caller.Session?.Tags ?? new List<TagState>())
        {
            context["aws:PrincipalTag/" + tag.Key] = new[] { tag.Value };
        }

        if (request.ExternalId is not null)
        {
            context["sts:ExternalId"] = new[] { request.ExternalId };
        }

        if (request.SourceIdentity is not null)
        {
            context["sts:SourceIdentity"] = new[] { request.SourceIdentity };
            context["aws:SourceIdentity"] = new[] { request.SourceIdentity };
        }

        if (request.Tags.Count > 0)
        {
            context["aws:TagKeys"] = request.Tags.Select(t => t.Key).ToList();
            foreach (var tag in request.Tags)
            {
                context["aws:RequestTag/" + tag.Key] = new[] { tag.Value };
            }
        }

        return context;
    }

    /// <summary>
    /// The policy engine decides, as IAM does: the role's trust policy must always allow; one naming the caller's ARN
    /// grants alone, one naming only the account needs the caller's identity policies to allow the action too, and an
    /// explicit deny anywhere wins. With permissions not enforced, only the trust policy is asked.
    /// </summary>
    private void Authorize(RoleState role, string roleArn, CallerPrincipal caller, string action, IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        var decision = _account.Authorizer.DecideTrust(caller, new Permission(action, roleArn), role.AssumeRolePolicyDocument, context, _account.EnforcePermissions);
        if (decision != Policy.EvaluationDecision.Allowed)
        {
            throw ServiceError.AccessDenied($"User: {caller.Arn} is not authorized to perform: {action} on resource: {roleArn}");
        }
    }

    /// <summary>What counts against the 2048-character packed budget: session policy, policy ARNs and session tags.</summary>
    private static int PackedSize(AssumeRoleRequest request) =>
        (request.Policy is null ? 0 : PolicyDocumentLimits.CountedSize(request.Policy))
        + request.PolicyArns.Sum(a => a.Length)
        + request.Tags.Sum(t => t.Key.Length + t.Value.Length);

    private void PruneExpiredSessions(DateTime now)
    {
        foreach (var expired in State.Sessions.Values.Where(s => s.Expiration <= now).Select(s => s.AccessKeyId).ToList())
        {
            State.Sessions.Remove(expired);
        }
    }
}
