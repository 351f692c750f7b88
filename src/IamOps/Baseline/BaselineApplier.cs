using IamOps.Accounts;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Baseline;

/// <summary>
/// Turns what the applier did with a baseline plan into one row per control (Compliant, Changed, WouldChange,
/// ActionRequired, Failed), the admins' new credentials, and the MFA devices still waiting for codes.
/// </summary>
public static class BaselineApplier
{
    /// <summary>
    /// One row per control from the applier's outcomes for the plan's changes, in plan order (the changes of every
    /// control one after another, as <see cref="PlanApplier.ApplyAsync"/> ran them).
    /// </summary>
    public static IReadOnlyList<BaselineControl> Report(BaselinePlan plan, IReadOnlyList<AppliedChange> applied)
    {
        var controls = new List<BaselineControl>();
        var next = 0;
        foreach (var control in plan.Controls)
        {
            controls.Add(Report(plan, control, applied.Skip(next).Take(control.Changes.Count).ToList()));
            next += control.Changes.Count;
        }

        return controls;
    }

    /// <summary>One credential object per admin for whom this run created a password, access key or MFA device.</summary>
    public static IReadOnlyList<AdminCredential> Credentials(BaselinePlan plan) =>
        plan.Secrets.Where(s => s.HasAny).Select(secrets => new AdminCredential
        {
            Account = plan.Account.AccountId,
            UserName = secrets.UserName,
            ConsoleSignInUrl = plan.Account.ConsoleSignInUrl,
            InitialPassword = secrets.Password is null ? null : SecretText.ToSecureString(secrets.Password),
            AccessKeyId = secrets.AccessKey?.AccessKeyId,
            SecretAccessKey = secrets.AccessKey is null ? null : SecretText.ToSecureString(secrets.AccessKey.SecretAccessKey),
            MfaSerialNumber = secrets.MfaDevice?.SerialNumber,
            MfaSeed = secrets.MfaDevice is null ? null : SecretText.ToSecureString(secrets.MfaDevice.Base32StringSeed),
            MfaOtpAuthUri = secrets.MfaDevice is null ? null : SecretText.ToSecureString(MfaEnrollment.OtpAuthUri(secrets.MfaDevice, secrets.UserName, plan.Account)),
            MfaEnabled = secrets.MfaEnabled,
        }).ToList();

    /// <summary>The controls with each admin's new credentials on that admin's user row, so the output is one object type.</summary>
    public static IReadOnlyList<BaselineControl> WithCredentials(IReadOnlyList<BaselineControl> controls, IReadOnlyList<AdminCredential> credentials) =>
        controls.Select(c => c.Control == AdminUserControl && credentials.FirstOrDefault(k => string.Equals(k.UserName, c.UserName, StringComparison.OrdinalIgnoreCase)) is { } credential
            ? c.With(credential)
            : c).ToList();

    /// <summary>The id of an admin user's row, which carries that admin's new credentials.</summary>
    public const string AdminUserControl = "AdminUser";

    /// <summary>Admins whose virtual MFA device this run created but could not enable (no -MfaCode).</summary>
    public static IReadOnlyList<string> MfaDevicesAwaitingCodes(BaselinePlan plan) =>
        plan.Secrets.Where(s => s.MfaDevice is not null && !s.MfaEnabled).Select(s => s.UserName).ToList();

    /// <summary>Enables a device created by this run with two codes the user entered; the control becomes Changed.</summary>
    public static async Task<BaselineControl> EnableWithCodesAsync(BaselinePlan plan, Aws.IAwsConnection aws, IReadOnlyList<BaselineControl> controls, string user, string code1, string code2, CancellationToken cancellationToken)
    {
        var secrets = plan.Secrets.Single(s => s.UserName == user);
        await aws.Iam.EnableMfaDeviceAsync(user, secrets.MfaDevice!.SerialNumber, code1, code2, cancellationToken).ConfigureAwait(false);
        secrets.MfaEnabled = true;
        var control = controls.Single(c => c.Title == BaselinePlanner.MfaDeviceTitle(user));
        return new BaselineControl
        {
            Account = control.Account,
            Control = control.Control,
            Title = control.Title,
            Status = ControlStatus.Changed,
            Detail = $"'{user}' has a virtual MFA device, enabled with the codes entered at the prompt.",
            UserName = control.UserName,
            Changes = control.Changes.Append("Enabled the virtual MFA device for user " + user).ToList(),
        };
    }

    /// <summary>The rows for the credential CSV: admins with a new password or access key.</summary>
    public static IReadOnlyList<CredentialRow> CredentialRows(BaselinePlan plan) =>
        plan.Secrets.Where(s => s.Password is not null || s.AccessKey is not null)
            .Select(s => new CredentialRow(s.UserName, s.Password, s.AccessKey?.AccessKeyId, s.AccessKey?.SecretAccessKey, plan.Account.ConsoleSignInUrl))
            .ToList();

    private static BaselineControl Report(BaselinePlan plan, ControlPlan control, List<AppliedChange> applied)
    {
        var status = applied.Any(a => a.Outcome is ChangeOutcome.Failed or ChangeOutcome.NotAttempted) ? ControlStatus.Failed
            : applied.Any(a => a.Outcome == ChangeOutcome.Skipped) ? ControlStatus.WouldChange
            : control.ManualFix is not null ? ControlStatus.ActionRequired
            : applied.Count > 0 ? ControlStatus.Changed
            : ControlStatus.Compliant;
        var failure = applied.FirstOrDefault(a => a.Failure is not null)?.Failure;
        return new BaselineControl
        {
            Account = plan.Account.AccountId,
            Control = control.Control,
            Title = control.Title,
            Status = status,
            Detail = status == ControlStatus.Changed ? control.DoneDetail ?? Done(applied) : control.Detail,
            UserName = control.UserName,
            Fix = status == ControlStatus.Failed
                ? (failure is null ? "Not attempted after an earlier failure; run the command again." : failure.Message + " Run the command again to converge.")
                : control.ManualFix,
            Changes = applied.Select(a => a.ToString()).ToList(),
        };
    }

    /// <summary>What a run that changed the control did, in the past tense: "Created user alice; added user alice to group Administrators."</summary>
    private static string Done(IReadOnlyList<AppliedChange> applied)
    {
        var text = string.Join("; ", applied.Where(a => a.Outcome == ChangeOutcome.Applied).Select((a, i) => i == 0 ? a.ToString() : char.ToLowerInvariant(a.ToString()[0]) + a.ToString().Substring(1)));
        return text.Length == 0 ? string.Empty : text + ".";
    }
}
