using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Accounts;

/// <summary>
/// The plan step that gives a user a virtual MFA device, shared by New-IamAdminBaseline and Add-IamDeveloper: nothing
/// when the user has MFA; else create the device (its seed is shown once, by the run that creates it) and, with two
/// codes, enable it. A device an earlier run created and left unassigned is never replaced.
/// </summary>
public sealed class VirtualMfaSetup
{
    private VirtualMfaSetup(string serialNumber, string? enabledSerial, bool waiting, IReadOnlyList<PlannedChange> changes)
    {
        SerialNumber = serialNumber;
        EnabledSerial = enabledSerial;
        Waiting = waiting;
        Changes = changes;
    }

    /// <summary>The serial the user's virtual device has, or will have (arn:...:mfa/USER).</summary>
    public string SerialNumber { get; }

    /// <summary>The device the user already has enabled; null when none.</summary>
    public string? EnabledSerial { get; }

    /// <summary>An earlier run created the device and it waits to be enabled (its seed cannot be shown again).</summary>
    public bool Waiting { get; }

    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <param name="codes">Two consecutive codes to enable the device with, or none.</param>
    /// <param name="created">Receives the new device (with its seed) when the create change is applied.</param>
    /// <param name="enabled">Called when the enable change is applied.</param>
    public static async Task<VirtualMfaSetup> PlanAsync(IIam iam, string user, bool userExists, IReadOnlyList<string> codes, AccountContext account,
        Action<VirtualMfaDevice> created, Action enabled, CancellationToken cancellationToken)
    {
        var serial = $"arn:{account.Partition}:iam::{account.AccountId}:mfa/{user}";
        var devices = userExists ? await IamLookup.ToListAsync(iam.ListMfaDevicesAsync(user, cancellationToken), cancellationToken).ConfigureAwait(false) : new List<MfaDevice>();
        if (devices.Count > 0)
        {
            return new VirtualMfaSetup(devices[0].SerialNumber, devices[0].SerialNumber, false, Array.Empty<PlannedChange>());
        }

        var unassigned = await IamLookup.ToListAsync(iam.ListUnassignedVirtualMfaDevicesAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        var waiting = unassigned.Contains(serial, StringComparer.Ordinal);
        var changes = new List<PlannedChange>();
        string? createdSerial = null;
        if (!waiting)
        {
            changes.Add(new PlannedChange(ChangeKind.Create, "virtual MFA device " + user, "Create virtual MFA device", "the user has none assigned", async ct =>
            {
                try
                {
                    var device = await iam.CreateVirtualMfaDeviceAsync(user, null, Array.Empty<IamTag>(), ct).ConfigureAwait(false);
                    createdSerial = device.SerialNumber;
                    created(device);
                }
                catch (IamOpsException exists) when (exists.Kind == FailureKind.ResourceExists)
                {
                    // Created since this plan was made, by a concurrent run that shows its seed: enable that one.
                }
            }) { ReturnsSecret = true });
        }

        if (codes.Count == 2)
        {
            changes.Add(new PlannedChange(ChangeKind.Attach, "user " + user, "Enable the virtual MFA device for", "two codes were given",
                async ct =>
                {
                    await iam.EnableMfaDeviceAsync(user, createdSerial ?? serial, codes[0], codes[1], ct).ConfigureAwait(false);
                    enabled();
                }) { ReturnsSecret = true });
        }

        return new VirtualMfaSetup(serial, null, waiting, changes);
    }
}
