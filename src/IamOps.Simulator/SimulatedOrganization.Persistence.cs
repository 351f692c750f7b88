using IamOps.Simulator.State;

namespace IamOps.Simulator;

// The organization's state files: the structure in one file, each account in its own file beside it.
public sealed partial class SimulatedOrganization
{
    private SharedStateFile? _stateFile;

    /// <summary>The organization's state file; each account is kept beside it (org.json → org.111122223333.json). Null in memory.</summary>
    public string? StatePath => _stateFile?.FilePath;

    /// <summary>
    /// Opens the organization saved at <paramref name="path"/>, or creates one there with <paramref name="memberAccounts"/>
    /// members. Several processes may open one path at once: the first creates it, the others load it.
    /// </summary>
    public static SimulatedOrganization Open(string path, string? managementAccountId, int? memberAccounts, SimulatorClock? clock = null)
    {
        var full = Path.GetFullPath(path);
        using (new SharedStateFile(full).Lock())
        {
            if (File.Exists(full))
            {
                if (!OrganizationStateFile.IsOrganization(full))
                {
                    throw new IamOpsException("SandboxNotAnOrganization", FailureKind.InvalidArgument,
                        $"The state file '{full}' holds a single account, not an organization. Leave out -MemberAccount to enter it, or choose another -Path.", full);
                }

                var loaded = Load(full, clock);
                if (managementAccountId is not null && managementAccountId != loaded.AccountId)
                {
                    throw new IamOpsException("SandboxAccountMismatch", FailureKind.InvalidArgument,
                        $"The state file '{full}' holds an organization managed by account {loaded.AccountId}, not {managementAccountId}. Leave out -AccountId, or choose another -Path.", full);
                }

                if (memberAccounts is { } count && count != loaded.Accounts.Count - 1)
                {
                    throw new IamOpsException("SandboxOrganizationMismatch", FailureKind.InvalidArgument,
                        $"The state file '{full}' holds an organization of {loaded.Accounts.Count - 1} member accounts, not {count}. Leave out -MemberAccount (or give {loaded.Accounts.Count - 1}), or choose another -Path.", full);
                }

                return loaded;
            }

            var created = new SimulatedOrganization(memberAccounts ?? 1, managementAccountId, clock);
            created.SaveTo(full);
            return created;
        }
    }

    /// <summary>Reads an organization saved by <see cref="Open"/> (its structure file and every account's file) and keeps it there.</summary>
    public static SimulatedOrganization Load(string path, SimulatorClock? clock = null)
    {
        var full = Path.GetFullPath(path);
        var state = OrganizationStateFile.Read(full);
        var accounts = new List<SimulatedAccount>();
        foreach (var member in state.Accounts)
        {
            var accountPath = OrganizationStateFile.AccountPath(full, member.Id);
            var account = SimulatedAccount.Load(accountPath, clock);
            if (account.AccountId != member.Id)
            {
                throw AccountStateFile.Refused(accountPath, $"it holds account {account.AccountId}, and the organization '{full}' expects {member.Id} there");
            }

            account.StatePath = accountPath;
            accounts.Add(account);
        }

        var organization = new SimulatedOrganization(state, accounts) { _stateFile = new SharedStateFile(full) };
        organization._stateFile.MarkSeen();
        return organization;
    }

    /// <summary>Writes every account's file, then the structure's, and keeps the organization there from now on.</summary>
    private void SaveTo(string full)
    {
        foreach (var account in _accounts)
        {
            var accountPath = OrganizationStateFile.AccountPath(full, account.AccountId);
            account.Save(accountPath);
            account.StatePath = accountPath;
        }

        lock (Gate)
        {
            OrganizationStateFile.Write(full, State);
            _stateFile = new SharedStateFile(full);
            _stateFile.MarkSeen();
        }
    }

    /// <summary>Takes up a structure another process saved. Call under <see cref="Gate"/>.</summary>
    private void ReloadWhenChangedElsewhere()
    {
        if (_stateFile?.ChangedElsewhere() == true)
        {
            State = _stateFile.Reload(OrganizationStateFile.Read);
        }
    }
}
