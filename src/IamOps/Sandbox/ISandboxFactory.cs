namespace IamOps.Sandbox;

/// <summary>Opens sandboxes; IamOps.Simulator provides the one implementation, found by <see cref="SandboxLoader"/>.</summary>
public interface ISandboxFactory
{
    /// <summary>Loads the account saved at <paramref name="statePath"/>, or creates one (and saves it there when a path is given).</summary>
    ISandbox Open(string? statePath, string? accountId);

    /// <summary>
    /// Loads the organization saved at <paramref name="statePath"/>, or creates one: a management account (the sandbox's
    /// account) and <paramref name="memberAccounts"/> member accounts, saved there when a path is given.
    /// </summary>
    ISandbox OpenOrganization(string? statePath, string? managementAccountId, int memberAccounts);
}
