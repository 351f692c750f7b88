using IamOps.Aws;

namespace IamOps.Simulator;

/// <summary><see cref="ISts"/> in process.</summary>
internal sealed class SimulatorSts : ISts
{
    private readonly SimulatorConnection _connection;

    public SimulatorSts(SimulatorConnection connection) => _connection = connection;

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_connection.Call("sts", "GetCallerIdentity", null, caller => StsService.GetCallerIdentity(_connection.Account.AccountId, caller)));
    }

    public Task<AssumedRoleSession> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // A role in another account of the organization: that account is held (and brought up to date) for the call too.
        return Task.FromResult(_connection.Call("sts", "AssumeRole", request.RoleArn, caller => _connection.Account.Sts.AssumeRole(caller, request), alsoOn: _connection.Account.PeerOf(request.RoleArn)));
    }

    public Task<TemporaryCredentials> GetSessionTokenAsync(GetSessionTokenRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_connection.Call("sts", "GetSessionToken", request.SerialNumber, caller => _connection.Account.Sts.GetSessionToken(caller, request)));
    }

    // The token is the proof: the caller's own credentials play no part (AWS does not even need them).
    public Task<FederatedRoleSession> AssumeRoleWithWebIdentityAsync(AssumeRoleWithWebIdentityRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_connection.Call("sts", "AssumeRoleWithWebIdentity", request.RoleArn, _ => _connection.Account.Sts.AssumeRoleWithWebIdentity(request)));
    }

    public Task<FederatedRoleSession> AssumeRoleWithSamlAsync(AssumeRoleWithSamlRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_connection.Call("sts", "AssumeRoleWithSAML", request.RoleArn, _ => _connection.Account.Sts.AssumeRoleWithSaml(request)));
    }
}
