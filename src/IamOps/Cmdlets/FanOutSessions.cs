using IamOps.AccountFanOut;
using IamOps.Aws;
using IamOps.RoleAssume;

namespace IamOps.Cmdlets;

/// <summary>
/// Each account's session for Invoke-IamInAccount: AssumeRole of arn:PARTITION:iam::ACCOUNT:role/ROLE through the
/// caller's connection (or its MFA session), served from the session cache while good; the caller's own account runs
/// with the caller's credentials (its MFA session when there is one).
/// </summary>
internal sealed class FanOutSessions
{
    private readonly IAwsConnection _connection;
    private readonly RoleSessionCache _cache;
    private readonly UsedMfaCodes _usedCodes;
    private readonly CallerIdentity _caller;
    private readonly MfaSession? _mfa;
    private readonly RoleAssumeRequest _template;
    private readonly Action<string> _verbose;

    public FanOutSessions(IAwsConnection connection, RoleSessionCache cache, UsedMfaCodes usedCodes, CallerIdentity caller, MfaSession? mfa, RoleAssumeRequest template, Action<string> verbose)
    {
        _connection = connection;
        _cache = cache;
        _usedCodes = usedCodes;
        _caller = caller;
        _mfa = mfa;
        _template = template;
        _verbose = verbose;
    }

    public string CallerAccount => _caller.Account;

    public async Task<TemporarySession?> ConnectAsync(FanOutAccount account, CancellationToken cancellationToken)
    {
        if (account.Id == _caller.Account)
        {
            _verbose($"Account {account}: the caller's own account, so no role is assumed there.");
            return _mfa;
        }

        var request = _template with { RoleName = null, RoleArn = $"arn:{_caller.Partition}:iam::{account.Id}:role/{_template.RoleName}" };
        var assumption = RoleAssumption.Through(_connection, _cache, _ => _connection, _usedCodes);
        var session = await assumption.AssumeAsync(request, cancellationToken).ConfigureAwait(false);
        _verbose($"Account {account}: {(session.FromCache ? "cached" : "new")} session {session.AssumedRoleArn}.");
        return session;
    }
}
