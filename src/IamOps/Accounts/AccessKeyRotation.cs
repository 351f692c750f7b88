using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Accounts;

/// <summary>
/// The access key changes every key rotation is made of, shared by Add-IamDeveloper (-RotateAccessKey, one run) and
/// Disable-IamStaleCredential (a rotation over a grace period, two runs): create the new key exactly once (its secret
/// is shown only now), make room for it when the user has IAM's two keys, deactivate or delete the old one.
/// </summary>
public static class AccessKeyRotation
{
    /// <summary>IAM's fixed quota of access keys per user.</summary>
    public const int MaxKeysPerUser = 2;

    /// <summary>Creates a key (sent once: see <see cref="PlannedChange.ReturnsSecret"/>); <paramref name="created"/> receives it, secret included.</summary>
    /// <param name="keysBefore">The user's key ids when planned: a lost answer is recognised by a key not among them.</param>
    /// <param name="replacing">The key the new one replaces, named in the change's description; null: none named.</param>
    public static PlannedChange Create(IIam iam, string userName, string target, IReadOnlyCollection<string> keysBefore, string reason, Action<NewAccessKey> created, string? replacing = null) =>
        new(ChangeKind.Create, target, replacing is null ? "Create access key for" : $"Create access key replacing {replacing} for", reason,
            async ct => created(await OneShotCalls.CreateAccessKeyAsync(iam, userName, keysBefore, ct).ConfigureAwait(false))) { ReturnsSecret = true };

    /// <summary>Makes a key Inactive: it stays, so it can be made Active again.</summary>
    public static PlannedChange Deactivate(IIam iam, string userName, string target, string accessKeyId, string reason, ChangeImpact impact = ChangeImpact.Medium) =>
        new(ChangeKind.Update, target, $"Deactivate access key {accessKeyId} of", reason,
            ct => iam.UpdateAccessKeyAsync(userName, accessKeyId, AccessKeyStatus.Inactive, ct), impact);

    /// <summary>Deletes a key for good.</summary>
    public static PlannedChange Delete(IIam iam, string userName, string target, string accessKeyId, string reason) =>
        new(ChangeKind.Delete, target, $"Delete access key {accessKeyId} of", reason,
            ct => iam.DeleteAccessKeyAsync(userName, accessKeyId, ct), ChangeImpact.High);

    /// <summary>
    /// The first step of a rotation: when the user has two keys, delete the oldest inactive one to make room (two active
    /// keys cannot be rotated: AccessKeyLimit, with <paramref name="limitHint"/> saying what to do), then create the new
    /// key. <paramref name="replaced"/> is what remains of the old keys, oldest first, for the caller to deactivate or delete.
    /// </summary>
    /// <param name="replacing">The key being rotated, named in the description of the new key's creation; null: none named.</param>
    public static IReadOnlyList<PlannedChange> Start(IIam iam, string userName, string target, IReadOnlyList<AccessKeyMetadata> keys, string reason,
        Action<NewAccessKey> created, Func<AccessKeyMetadata, string> limitHint, out IReadOnlyList<AccessKeyMetadata> replaced, string? replacing = null)
    {
        var changes = new List<PlannedChange>();
        var old = keys.OrderBy(k => k.CreateDate).ToList();
        if (old.Count >= MaxKeysPerUser)
        {
            // The oldest inactive key (a previous rotation's) makes room, so rotating again works.
            var spare = old.FirstOrDefault(k => k.Status == AccessKeyStatus.Inactive)
                ?? throw new IamOpsException("AccessKeyLimit", FailureKind.LimitsExceeded,
                    $"'{userName}' already has two active access keys, IAM's limit, so a new one cannot be created for rotation. {limitHint(old[0])}", userName);
            changes.Add(Delete(iam, userName, target, spare.AccessKeyId, "the user has two keys, IAM's limit; rotation deletes the oldest inactive one to make room"));
            old.Remove(spare);
        }

        changes.Add(Create(iam, userName, target, keys.Select(k => k.AccessKeyId).ToList(), reason, created, replacing));
        replaced = old;
        return changes;
    }
}
