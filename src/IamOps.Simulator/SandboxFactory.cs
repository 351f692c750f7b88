using IamOps.Sandbox;

namespace IamOps.Simulator;

/// <summary>
/// What Enter-IamSandbox and IAMOPS_SANDBOX open (found by name by <see cref="SandboxLoader"/>): an account in memory,
/// or one loaded from and saved to a state file after each change.
/// </summary>
public sealed class SandboxFactory : ISandboxFactory
{
    public ISandbox Open(string? statePath, string? accountId)
    {
        if (statePath is null)
        {
            return new SimulatedAccount(accountId);
        }

        // Several processes may open one file at once (parallel CI jobs): the first creates the account, the others load it.
        using (new SharedStateFile(statePath).Lock())
        {
            if (File.Exists(statePath))
            {
                var loaded = SimulatedAccount.Load(statePath);
                if (accountId is not null && accountId != loaded.AccountId)
                {
                    throw new IamOpsException("SandboxAccountMismatch", FailureKind.InvalidArgument,
                        $"The state file '{statePath}' holds account {loaded.AccountId}, not {accountId}. Leave out -AccountId, or choose another -Path.", statePath);
                }

                loaded.StatePath = statePath;
                return loaded;
            }

            var account = new SimulatedAccount(accountId);
            account.Save(statePath);
            account.StatePath = statePath;
            return account;
        }
    }
}
