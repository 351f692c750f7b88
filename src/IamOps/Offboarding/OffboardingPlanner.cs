using System.Globalization;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Offboarding;

/// <summary>
/// Plans one user's offboarding from live state. Removal deletes, in the order IAM requires, everything that blocks
/// DeleteUser (console password, access keys, signing certificates, SSH public keys, service-specific credentials,
/// MFA devices, group memberships, inline policies, attached managed policies, the permissions boundary), then the
/// user. -Disable keeps the user: deactivates its keys, removes its console password and groups, and tags it. Every
/// read happens before the first write; a step whose target is already gone counts as done, so re-runs converge.
/// </summary>
public sealed class OffboardingPlanner
{
    /// <summary>The tag -Disable leaves on the user: the UTC date it was offboarded.</summary>
    public const string OffboardedTagKey = "iamops:offboarded";

    private readonly IAwsConnection _aws;
    private readonly Func<DateTime> _utcNow;

    /// <param name="utcNow">The clock for the offboarded tag; the system clock unless a test fixes it.</param>
    public OffboardingPlanner(IAwsConnection aws, Func<DateTime>? utcNow = null)
    {
        _aws = aws;
        _utcNow = utcNow ?? (() => DateTime.UtcNow);
    }

    /// <summary>Offline checks; throws (UserNameInvalid) before anything is read or written.</summary>
    public static void Validate(OffboardingRequest request)
    {
        if (request.UserName.Length == 0)
        {
            throw new IamOpsException("UserNameMissing", FailureKind.InvalidArgument,
                "No user name was given: pass -UserName, or pipe objects with a UserName property (Add-IamDeveloper results, CSV rows, Get-IAMUser output).", request.UserName);
        }

        IamNames.CheckUserName(request.UserName);
    }

    public async Task<OffboardingPlan> PlanAsync(OffboardingRequest request, CancellationToken cancellationToken)
    {
        var name = request.UserName;
        var user = await IamLookup.FindAsync(() => _aws.Iam.GetUserAsync(name, cancellationToken)).ConfigureAwait(false);
        if (user is null)
        {
            return new OffboardingPlan(request, null, Array.Empty<PlannedChange>());
        }

        // IAM names are case-insensitive; the calls use the name IAM reports.
        name = user.UserName;
        var changes = request.Disable
            ? await DisableChangesAsync(user, cancellationToken).ConfigureAwait(false)
            : await RemoveChangesAsync(user, cancellationToken).ConfigureAwait(false);
        return new OffboardingPlan(request, user.Arn, changes);
    }

    private async Task<List<PlannedChange>> RemoveChangesAsync(IamUser user, CancellationToken ct)
    {
        var name = user.UserName;
        var target = "user " + name;
        var iam = _aws.Iam;
        var loginProfile = await IamLookup.FindAsync(() => iam.GetLoginProfileAsync(name, ct)).ConfigureAwait(false);
        var keys = await IamLookup.ToListAsync(iam.ListAccessKeysAsync(name, ct), ct).ConfigureAwait(false);
        var certificates = await IamLookup.ToListAsync(iam.ListSigningCertificatesAsync(name, ct), ct).ConfigureAwait(false);
        var sshKeys = await IamLookup.ToListAsync(iam.ListSshPublicKeysAsync(name, ct), ct).ConfigureAwait(false);
        var serviceCredentials = await IamLookup.ToListAsync(iam.ListServiceSpecificCredentialsAsync(name, ct), ct).ConfigureAwait(false);
        var mfaDevices = await IamLookup.ToListAsync(iam.ListMfaDevicesAsync(name, ct), ct).ConfigureAwait(false);
        var unassignedOwnDevices = (await IamLookup.ToListAsync(iam.ListUnassignedVirtualMfaDevicesAsync(ct), ct).ConfigureAwait(false))
            .Where(serial => IsVirtual(serial) && serial.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase)).ToList();
        var groups = await IamLookup.ToListAsync(iam.ListGroupsForUserAsync(name, ct), ct).ConfigureAwait(false);
        var inline = await IamLookup.ToListAsync(iam.ListInlinePolicyNamesAsync(IdentityKind.User, name, ct), ct).ConfigureAwait(false);
        var attached = await IamLookup.ToListAsync(iam.ListAttachedPoliciesAsync(IdentityKind.User, name, ct), ct).ConfigureAwait(false);

        var changes = new List<PlannedChange>();
        void Add(ChangeKind kind, string description, string reason, Func<CancellationToken, Task> apply) =>
            changes.Add(new PlannedChange(kind, target, description, reason, token => UnlessGoneAsync(apply, token), ChangeImpact.High));

        const string blocks = "it blocks deleting the user";
        if (loginProfile is not null)
        {
            Add(ChangeKind.Delete, "Delete console password of", blocks, token => iam.DeleteLoginProfileAsync(name, token));
        }

        foreach (var key in keys)
        {
            Add(ChangeKind.Delete, $"Delete access key {key.AccessKeyId} of", blocks, token => iam.DeleteAccessKeyAsync(name, key.AccessKeyId, token));
        }

        foreach (var certificate in certificates)
        {
            Add(ChangeKind.Delete, $"Delete signing certificate {certificate.Id} of", blocks, token => iam.DeleteSigningCertificateAsync(name, certificate.Id, token));
        }

        foreach (var sshKey in sshKeys)
        {
            Add(ChangeKind.Delete, $"Delete SSH public key {sshKey.Id} of", blocks, token => iam.DeleteSshPublicKeyAsync(name, sshKey.Id, token));
        }

        foreach (var credential in serviceCredentials)
        {
            Add(ChangeKind.Delete, $"Delete service-specific credential {credential.Id} ({credential.ServiceName}) of", blocks, token => iam.DeleteServiceSpecificCredentialAsync(name, credential.Id, token));
        }

        foreach (var device in mfaDevices)
        {
            var serial = device.SerialNumber;
            if (IsVirtual(serial))
            {
                Add(ChangeKind.Delete, $"Deactivate and delete virtual MFA device {serial} of", blocks, async token =>
                {
                    await UnlessGoneAsync(t => iam.DeactivateMfaDeviceAsync(name, serial, t), token).ConfigureAwait(false);
                    await iam.DeleteVirtualMfaDeviceAsync(serial, token).ConfigureAwait(false);
                });
            }
            else
            {
                Add(ChangeKind.Remove, $"Deactivate MFA device {serial} of", blocks + " (a hardware device stays with its owner)", token => iam.DeactivateMfaDeviceAsync(name, serial, token));
            }
        }

        foreach (var serial in unassignedOwnDevices)
        {
            Add(ChangeKind.Delete, $"Delete unassigned virtual MFA device {serial} named after", "an earlier run deactivated it and stopped before deleting it", token => iam.DeleteVirtualMfaDeviceAsync(serial, token));
        }

        foreach (var group in groups)
        {
            Add(ChangeKind.Remove, $"Remove from group {group.GroupName}:", blocks, token => iam.RemoveUserFromGroupAsync(group.GroupName, name, token));
        }

        foreach (var policy in inline)
        {
            Add(ChangeKind.Delete, $"Delete inline policy {policy} of", blocks + "; it belongs to the user alone", token => iam.DeleteInlinePolicyAsync(IdentityKind.User, name, policy, token));
        }

        foreach (var policy in attached)
        {
            Add(ChangeKind.Detach, $"Detach managed policy {policy.PolicyArn} from", blocks + "; the policy itself stays", token => iam.DetachPolicyAsync(IdentityKind.User, name, policy.PolicyArn, token));
        }

        if (user.PermissionsBoundaryArn is { } boundary)
        {
            Add(ChangeKind.Remove, $"Remove permissions boundary {boundary} from", "the user is being deleted", token => iam.DeleteUserPermissionsBoundaryAsync(name, token));
        }

        Add(ChangeKind.Delete, "Delete", "Remove-IamDeveloper", token => iam.DeleteUserAsync(name, token));
        return changes;
    }

    private async Task<List<PlannedChange>> DisableChangesAsync(IamUser user, CancellationToken ct)
    {
        var name = user.UserName;
        var target = "user " + name;
        var iam = _aws.Iam;
        var keys = await IamLookup.ToListAsync(iam.ListAccessKeysAsync(name, ct), ct).ConfigureAwait(false);
        var loginProfile = await IamLookup.FindAsync(() => iam.GetLoginProfileAsync(name, ct)).ConfigureAwait(false);
        var groups = await IamLookup.ToListAsync(iam.ListGroupsForUserAsync(name, ct), ct).ConfigureAwait(false);

        var changes = new List<PlannedChange>();
        void Add(ChangeKind kind, string description, string reason, Func<CancellationToken, Task> apply, ChangeImpact impact = ChangeImpact.High) =>
            changes.Add(new PlannedChange(kind, target, description, reason, token => UnlessGoneAsync(apply, token), impact));

        foreach (var key in keys.Where(k => k.Status == AccessKeyStatus.Active))
        {
            Add(ChangeKind.Update, $"Deactivate access key {key.AccessKeyId} of", "-Disable: no programmatic access", token => iam.UpdateAccessKeyAsync(name, key.AccessKeyId, AccessKeyStatus.Inactive, token));
        }

        if (loginProfile is not null)
        {
            Add(ChangeKind.Delete, "Delete console password of", "-Disable: no console access", token => iam.DeleteLoginProfileAsync(name, token));
        }

        foreach (var group in groups)
        {
            Add(ChangeKind.Remove, $"Remove from group {group.GroupName}:", "-Disable: no permissions through groups", token => iam.RemoveUserFromGroupAsync(group.GroupName, name, token));
        }

        // The first offboarding date stays: a re-run must not move it.
        if (!user.Tags.Any(t => string.Equals(t.Key, OffboardedTagKey, StringComparison.OrdinalIgnoreCase)))
        {
            var date = _utcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Add(ChangeKind.Update, $"Tag {OffboardedTagKey}={date} on", "-Disable keeps the user for the audit trail", token => iam.TagUserAsync(name, new[] { new IamTag(OffboardedTagKey, date) }, token), ChangeImpact.Low);
        }

        return changes;
    }

    /// <summary>Virtual (and FIDO) devices have ARN serials; only virtual ones (":mfa/") can be deleted.</summary>
    private static bool IsVirtual(string serial) => serial.StartsWith("arn:", StringComparison.Ordinal) && serial.IndexOf(":mfa/", StringComparison.Ordinal) > 0;

    /// <summary>What is already gone is done: a re-run, or a retry whose first answer was lost, never fails on it.</summary>
    private static async Task UnlessGoneAsync(Func<CancellationToken, Task> apply, CancellationToken cancellationToken)
    {
        try
        {
            await apply(cancellationToken).ConfigureAwait(false);
        }
        catch (IamOpsException gone) when (gone.Kind == FailureKind.ObjectNotFound)
        {
        }
    }
}
