using IamOps.Aws;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Baseline;

/// <summary>
/// New-IamAdminBaseline's one entry point: checks the request and the files offline, plans from live state, applies the
/// plan through the applier (after a failure the rest is not attempted and a re-run converges), saves the QR codes,
/// enables new MFA devices with codes the caller asks for, and appends the credential file.
/// </summary>
public sealed class BaselineRun
{
    private readonly IAwsConnection _aws;
    private readonly PlanApplier _applier;

    public BaselineRun(IAwsConnection aws, PlanApplier applier)
    {
        _aws = aws;
        _applier = applier;
    }

    /// <summary>Offline checks, before anything is read or written: the request, then the files it would write.</summary>
    public static void Validate(BaselineRequest request, BaselineFiles files)
    {
        BaselinePlanner.Validate(request);
        if (files.CredentialFile is not null)
        {
            // A re-run appends to the file an earlier run made (owner-only, our header), or leaves it untouched when nothing is new.
            CredentialCsv.CheckWritable(files.CredentialFile, append: true, overwrite: files.Overwrite, appendOnlyToCredentialFile: true);
        }

        if (files.MfaQrCodePath is not null)
        {
            MfaQrCodeFiles.CheckWritable(files.MfaQrCodePath, request.AdminUserNames, request.EnableVirtualMfa, files.Overwrite);
        }
    }

    /// <param name="askForCodes">
    /// Asks for two consecutive codes of a device this run created and saved as a QR code (only with a QR path and no
    /// -MfaCode); null, or an answer of null, leaves the device to be enabled later.
    /// </param>
    /// <param name="verbose">Notes for the verbose stream.</param>
    /// <exception cref="IamOpsException">Planning failed: nothing was changed.</exception>
    public async Task<BaselineOutcome> RunAsync(BaselineRequest request, BaselineFiles files, Func<string, (string Code1, string Code2)?>? askForCodes, Action<string> verbose, CancellationToken cancellationToken)
    {
        var plan = await new BaselinePlanner(_aws).PlanAsync(request, cancellationToken).ConfigureAwait(false);
        var failures = new List<(IamOpsException, object?)>();
        var applied = await _applier.ApplyAsync(plan.Controls.SelectMany(c => c.Changes), cancellationToken).ConfigureAwait(false);
        if (applied.FirstOrDefault(a => a.Failure is not null) is { } failed)
        {
            failures.Add((failed.Failure!, failed.Change.Target));
        }

        var controls = BaselineApplier.Report(plan, applied).ToList();
        WriteQrCodes(plan, files, failures);
        if (files.MfaQrCodePath is not null && request.MfaCodes.Count == 0 && askForCodes is not null)
        {
            await EnableWithAskedCodesAsync(plan, controls, askForCodes, failures, verbose, cancellationToken).ConfigureAwait(false);
        }

        var rows = BaselineApplier.CredentialRows(plan);
        if (files.CredentialFile is not null && rows.Count > 0)
        {
            CredentialCsv.Write(files.CredentialFile, rows, append: !files.Overwrite, overwrite: files.Overwrite);
            verbose($"Initial credentials {(files.Overwrite ? "written" : "appended")} to {files.CredentialFile} (owner-only).");
        }

        var credentials = BaselineApplier.Credentials(plan);
        return new BaselineOutcome(BaselineApplier.WithCredentials(controls, credentials), credentials, failures);
    }

    private async Task EnableWithAskedCodesAsync(BaselinePlan plan, List<BaselineControl> controls, Func<string, (string Code1, string Code2)?> askForCodes, List<(IamOpsException, object?)> failures, Action<string> verbose, CancellationToken cancellationToken)
    {
        foreach (var user in BaselineApplier.MfaDevicesAwaitingCodes(plan))
        {
            if (askForCodes(user) is not { } codes)
            {
                continue;
            }

            var index = controls.FindIndex(c => c.Title == BaselinePlanner.MfaDeviceTitle(user));
            BaselineControl? enabled = null;
            var enable = new PlannedChange(ChangeKind.Update, "user " + user, "Enable the virtual MFA device for", "the codes entered at the prompt",
                async token => enabled = await BaselineApplier.EnableWithCodesAsync(plan, _aws, controls, user, codes.Code1, codes.Code2, token).ConfigureAwait(false));
            var result = await _applier.ApplyOneAsync(enable, cancellationToken).ConfigureAwait(false);
            if (result.Failure is not null)
            {
                failures.Add((result.Failure, user));
            }
            else if (enabled is not null && index >= 0)
            {
                controls[index] = enabled;
            }
        }
    }

    private static void WriteQrCodes(BaselinePlan plan, BaselineFiles files, List<(IamOpsException, object?)> failures)
    {
        if (files.MfaQrCodePath is null)
        {
            return;
        }

        foreach (var device in plan.Secrets.Where(s => s.MfaDevice is { QrCodePng.Length: > 0 }))
        {
            try
            {
                MfaQrCodeFiles.Write(MfaQrCodeFiles.PathFor(files.MfaQrCodePath, device.UserName), device.MfaDevice!.QrCodePng, files.Overwrite);
            }
            catch (IamOpsException failure)
            {
                failures.Add((failure, null));
            }
        }
    }
}
