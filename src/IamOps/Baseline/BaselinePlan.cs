using IamOps.Accounts;

namespace IamOps.Baseline;

/// <summary>Everything New-IamAdminBaseline would do, control by control, computed from live state.</summary>
public sealed class BaselinePlan
{
    internal BaselinePlan(AccountContext account, IReadOnlyList<ControlPlan> controls, IReadOnlyList<AdminSecrets> secrets)
    {
        Account = account;
        Controls = controls;
        Secrets = secrets;
    }

    public AccountContext Account { get; }

    public IReadOnlyList<ControlPlan> Controls { get; }

    internal IReadOnlyList<AdminSecrets> Secrets { get; }

    public bool HasChanges => Controls.Any(c => c.Changes.Count > 0);
}
