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
        return Task.FromResult(_connection.Call("sts", "AssumeRole", request.RoleArn, caller => _connection.Account.Sts.AssumeRole(caller, request)));
    }

    public Task<TemporaryCredentials> GetSessionTokenAsync(GetSessionTokenRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_connection.Call("sts", "GetSessionToken", request.SerialNumber, caller => _connection.Account.Sts.GetSessionToken(caller, request)));
    }
}
