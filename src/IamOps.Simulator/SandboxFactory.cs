using IamOps.Sandbox;

namespace IamOps.Simulator;

/// <summary>
/// What Enter-IamSandbox and IAMOPS_SANDBOX open (found by name by <see cref="SandboxLoader"/>): an account in memory,
/// or one loaded from and saved to a state file after each change; or an organization of accounts (<see cref="SimulatedOrganization"/>).
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
            if (OrganizationStateFile.IsOrganization(statePath))
            {
                var organization = SimulatedOrganization.Load(statePath);
                return accountId is null || accountId == organization.AccountId
                    ? organization
                    : throw new IamOpsException("SandboxAccountMismatch", FailureKind.InvalidArgument,
                        $"The state file '{statePath}' holds an organization managed by account {organization.AccountId}, not {accountId}. Leave out -AccountId, or choose another -Path.", statePath);
            }

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

    public ISandbox OpenOrganization(string? statePath, string? managementAccountId, int memberAccounts) =>
        statePath is null
            ? new SimulatedOrganization(memberAccounts, managementAccountId)
            : SimulatedOrganization.Open(statePath, managementAccountId, memberAccounts);
}
