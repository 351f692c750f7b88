using System.Text.RegularExpressions;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Developers;

/// <summary>Plans one developer from live state: user, console password, groups, tags, boundary, access keys.</summary>
public sealed class DeveloperPlanner
{
    private static readonly Regex PolicyArnPattern = new(@"^arn:aws[a-z-]*:iam::(\d{12}|aws):policy/([\x21-\x7E]+/)?[A-Za-z0-9_+=,.@-]{1,128}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex AccessKeyIdPattern = new("^[A-Z0-9]{16,128}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private readonly IAwsConnection _aws;
    private readonly PasswordPolicy? _passwordPolicy;

    public DeveloperPlanner(IAwsConnection aws, PasswordPolicy? passwordPolicy)
    {
        _aws = aws;
        _passwordPolicy = passwordPolicy;
    }

    /// <summary>The account, for virtual MFA device serials; read when needed and not given.</summary>
    public AccountContext? Account { get; init; }

    /// <summary>
    /// Whether a row asks for console access: on unless -NoConsoleAccess (or -ConsoleAccess:$false); an explicit
    /// -ConsoleAccess beside -NoConsoleAccess contradicts itself and is an error, never a silent choice.
    /// </summary>
    /// <param name="consoleAccess">-ConsoleAccess as given (a CSV cell included), or null when not given.</param>
    public static bool WantsConsoleAccess(bool? consoleAccess, bool noConsoleAccess, string userName)
    {
        if (consoleAccess == true && noConsoleAccess)
        {
            throw new IamOpsException("ConsoleAccessConflict", FailureKind.InvalidArgument,
                $"'{userName}' has both -ConsoleAccess and -NoConsoleAccess (or both columns true); keep the one you mean.", userName);
        }

        return consoleAccess != false && !noConsoleAccess;
    }

    /// <summary>Offline checks of one row; throws before anything is read or written.</summary>
    public static void Validate(DeveloperRequest request)
    {
        IamNames.CheckUserName(request.UserName);
        if (request.Path is not null)
        {
            IamNames.CheckPath(request.Path);
        }

        if (request.GroupNames.Count == 0 && request.ExactGroups)
        {
            throw new IamOpsException("GroupNameMissing", FailureKind.InvalidArgument, "-ExactGroups with no -GroupName would remove every group: name the groups the user should keep.", request.UserName);
        }

        foreach (var group in request.GroupNames)
        {
            IamNames.CheckGroupName(group);
        }

        foreach (var arn in request.GroupPolicyArns.Concat(request.PermissionsBoundary is null ? Array.Empty<string>() : new[] { request.PermissionsBoundary }))
        {
            if (!PolicyArnPattern.IsMatch(arn))
            {
                throw new IamOpsException("PolicyArnInvalid", FailureKind.InvalidArgument,
                    $"'{arn}' is not a managed policy ARN, e.g. arn:aws:iam::aws:policy/PowerUserAccess or arn:aws:iam::123456789012:policy/DevBoundary.", arn);
            }
        }

        if (request.GroupPolicyArns.Count > 0 && !request.CreateMissingGroup)
        {
            throw new IamOpsException("GroupPolicyWithoutCreate", FailureKind.InvalidArgument, "-GroupPolicyArn applies to groups created with -CreateMissingGroup; add that switch.", request.UserName);
        }

        if (request.DeleteOldAccessKey && !request.RotateAccessKey)
        {
            throw new IamOpsException("DeleteOldAccessKeyWithoutRotate", FailureKind.InvalidArgument, "-DeleteOldAccessKey goes with -RotateAccessKey.", request.UserName);
        }

        if (request.MfaCodes.Count > 0 && (!request.EnableVirtualMfa || request.MfaCodes.Count != 2 || request.MfaCodes.Any(c => !Regex.IsMatch(c ?? string.Empty, @"^\d{6}$"))))
        {
            throw new IamOpsException("MfaCodeInvalid", FailureKind.InvalidArgument,
                "-MfaCode enables the new virtual MFA device: give it with -EnableVirtualMfa, as two consecutive 6-digit codes from the authenticator app (-MfaCode 123456,654321).", request.UserName);
        }

        foreach (var keyId in request.DeactivateAccessKeyIds.Concat(request.DeleteAccessKeyIds))
        {
            if (!AccessKeyIdPattern.IsMatch(keyId))
            {
                throw new IamOpsException("AccessKeyIdInvalid", FailureKind.InvalidArgument,
                    $"'{keyId}' is not an access key id (16 to 128 letters and digits, e.g. AKIAIOSFODNN7EXAMPLE). Copy it from the AccessKeyId of Add-IamDeveloper's result or the IAM console.", request.UserName);
            }
        }

        if ((request.DeactivateAccessKeyIds.Count > 0 || request.DeleteAccessKeyIds.Count > 0) && request.RotateAccessKey)
        {
            throw new IamOpsException("AccessKeyOptionsConflict", FailureKind.InvalidArgument,
                "-RotateAccessKey chooses which old key to deactivate or delete itself; run -DeactivateAccessKey or -DeleteAccessKey on its own.", request.UserName);
        }

        if (request.DeactivateAccessKeyIds.Intersect(request.DeleteAccessKeyIds, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            throw new IamOpsException("AccessKeyOptionsConflict", FailureKind.InvalidArgument,
                $"The access key {both} is named by both -DeactivateAccessKey and -DeleteAccessKey; choose one.", request.UserName);
        }

        if (request.ResetPassword && !request.ConsoleAccess)
        {
            throw new IamOpsException("ResetPasswordWithoutConsole", FailureKind.InvalidArgument, "-ResetPassword sets a console password; it cannot go with -NoConsoleAccess.", request.UserName);
        }
    }

    public async Task<DeveloperPlan> PlanAsync(DeveloperRequest request, CancellationToken cancellationToken)
    {
        var name = request.UserName;
        var target = "user " + name;
        var user = await IamLookup.FindAsync(() => _aws.Iam.GetUserAsync(name, cancellationToken)).ConfigureAwait(false);
        var changes = new List<PlannedChange>();
        DeveloperPlan? plan = null;

        if (user is null)
        {
            changes.Add(new PlannedChange(ChangeKind.Create, target, "Create user", "it does not exist", async ct =>
            {
                try
                {
                    var created = await _aws.Iam.CreateUserAsync(new CreateUserRequest { UserName = name, Path = request.Path, PermissionsBoundaryArn = request.PermissionsBoundary, Tags = request.Tags }, ct).ConfigureAwait(false);
                    plan!.Arn = created.Arn;
                }
                catch (IamOpsException exists) when (exists.Kind == FailureKind.ResourceExists)
                {
                    // Created by a concurrent run or a retried first attempt: converge on it.
                    plan!.Arn = (await _aws.Iam.GetUserAsync(name, ct).ConfigureAwait(false)).Arn;
                }
            }));
        }
        else
        {
            var missingTags = request.Tags.Where(t => !user.Tags.Any(u => string.Equals(u.Key, t.Key, StringComparison.OrdinalIgnoreCase) && u.Value == t.Value)).ToList();
            if (missingTags.Count > 0)
            {
                changes.Add(new PlannedChange(ChangeKind.Update, target, "Tag", string.Join(", ", missingTags.Select(t => t.Key)) + " missing or different",
                    ct => _aws.Iam.TagUserAsync(name, missingTags, ct)));
            }

            if (request.PermissionsBoundary is not null && user.PermissionsBoundaryArn != request.PermissionsBoundary)
            {
                changes.Add(new PlannedChange(ChangeKind.Update, target, "Set permissions boundary on", "the boundary differs",
                    ct => _aws.Iam.PutUserPermissionsBoundaryAsync(name, request.PermissionsBoundary, ct), ChangeImpact.High));
            }
        }

        var current = user is null
            ? new List<string>()
            : (await IamLookup.ToListAsync(_aws.Iam.ListGroupsForUserAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false)).Select(g => g.GroupName).ToList();
        foreach (var group in request.GroupNames.Where(g => !current.Contains(g, StringComparer.OrdinalIgnoreCase)))
        {
            changes.Add(new PlannedChange(ChangeKind.Add, target, $"Add to group {group}:", "not a member yet", ct => _aws.Iam.AddUserToGroupAsync(group, name, ct)));
        }

        var groupsAfter = current.Concat(request.GroupNames).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (request.ExactGroups)
        {
            foreach (var extra in current.Where(g => !request.GroupNames.Contains(g, StringComparer.OrdinalIgnoreCase)).ToList())
            {
                changes.Add(new PlannedChange(ChangeKind.Remove, target, $"Remove from group {extra}:", "-ExactGroups and the group is not listed", ct => _aws.Iam.RemoveUserFromGroupAsync(extra, name, ct), ChangeImpact.High));
                groupsAfter.Remove(extra);
            }
        }

        if (request.ConsoleAccess)
        {
            var login = user is null ? null : await IamLookup.FindAsync(() => _aws.Iam.GetLoginProfileAsync(name, cancellationToken)).ConfigureAwait(false);
            if (login is null)
            {
                changes.Add(new PlannedChange(ChangeKind.Create, target, "Create console password (change required at first sign-in) for", "the user has no console access", async ct =>
                {
                    var password = InitialPassword.Generate(_passwordPolicy?.MinimumPasswordLength);
                    try
                    {
                        await OneShotCalls.CreateLoginProfileAsync(_aws.Iam, name, password, passwordResetRequired: true, ct).ConfigureAwait(false);
                        plan!.Password = password;
                    }
                    catch (IamOpsException exists) when (exists.Kind == FailureKind.ResourceExists)
                    {
                        // A concurrent run gave the user a password first; that run reports it, this one has none to report.
                    }
                }) { ReturnsSecret = true });
            }
            else if (request.ResetPassword)
            {
                changes.Add(new PlannedChange(ChangeKind.Update, target, "Reset console password (change required at first sign-in) for", "-ResetPassword", async ct =>
                {
                    var password = InitialPassword.Generate(_passwordPolicy?.MinimumPasswordLength);
                    await _aws.Iam.UpdateLoginProfileAsync(name, password, passwordResetRequired: true, ct).ConfigureAwait(false);
                    plan!.Password = password;
                }, ChangeImpact.High));
            }
        }

        if (request.ProgrammaticAccess || request.RotateAccessKey || request.DeactivateAccessKeyIds.Count > 0 || request.DeleteAccessKeyIds.Count > 0)
        {
            var keys = user is null ? new List<AccessKeyMetadata>() : await IamLookup.ToListAsync(_aws.Iam.ListAccessKeysAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
            changes.AddRange(AccessKeyChanges(request, target, keys, () => plan!));
        }

        string? mfaSerial = null;
        var mfaWasEnabled = false;
        if (request.EnableVirtualMfa)
        {
            var account = Account ?? await AccountContext.LoadAsync(_aws, cancellationToken).ConfigureAwait(false);
            var mfa = await VirtualMfaSetup.PlanAsync(_aws.Iam, name, user is not null, request.MfaCodes, account, device => plan!.MfaDevice = device, () => plan!.MfaEnabled = true, cancellationToken).ConfigureAwait(false);
            changes.AddRange(mfa.Changes);
            mfaSerial = mfa.SerialNumber;
            mfaWasEnabled = mfa.EnabledSerial is not null;
        }

        plan = new DeveloperPlan(request, user is not null, user?.Arn, changes, groupsAfter) { MfaSerialNumber = mfaSerial, MfaWasEnabled = mfaWasEnabled };
        return plan;
    }

    private IEnumerable<PlannedChange> AccessKeyChanges(DeveloperRequest request, string target, List<AccessKeyMetadata> keys, Func<DeveloperPlan> plan)
    {
        var name = request.UserName;
        var keysBefore = keys.Select(k => k.AccessKeyId).ToList();
        PlannedChange Create(string reason) => AccessKeyRotation.Create(_aws.Iam, name, target, keysBefore, reason, key => plan().NewAccessKey = key);
        PlannedChange Delete(AccessKeyMetadata key, string reason) => AccessKeyRotation.Delete(_aws.Iam, name, target, key.AccessKeyId, reason);
        PlannedChange Deactivate(AccessKeyMetadata key, string reason) => AccessKeyRotation.Deactivate(_aws.Iam, name, target, key.AccessKeyId, reason);

        foreach (var id in request.DeactivateAccessKeyIds)
        {
            var key = keys.FirstOrDefault(k => k.AccessKeyId == id)
                ?? throw new IamOpsException("AccessKeyNotFound", FailureKind.ObjectNotFound,
                    $"'{name}' has no access key {id}" + (keys.Count == 0 ? " (it has none)." : $"; its keys are {string.Join(", ", keys.Select(k => $"{k.AccessKeyId} ({k.Status})"))}."), name);
            if (key.Status == AccessKeyStatus.Active)
            {
                yield return Deactivate(key, "-DeactivateAccessKey");
            }
        }

        // A key already deleted is no change, so a re-run converges; a key never seen is indistinguishable from it.
        foreach (var key in keys.Where(k => request.DeleteAccessKeyIds.Contains(k.AccessKeyId, StringComparer.Ordinal)))
        {
            yield return Delete(key, "-DeleteAccessKey");
        }

        if (!request.RotateAccessKey)
        {
            if (request.ProgrammaticAccess && keys.Count == 0)
            {
                yield return Create("programmatic access was asked and the user has no key");
            }

            yield break;
        }

        var start = AccessKeyRotation.Start(_aws.Iam, name, target, keys, "-RotateAccessKey", key => plan().NewAccessKey = key,
            oldest => $"Deactivate or delete the one no longer used first, e.g. Add-IamDeveloper -UserName {name} -DeleteAccessKey {oldest.AccessKeyId}.", out var old);
        foreach (var change in start)
        {
            yield return change;
        }

        foreach (var previous in old)
        {
            if (request.DeleteOldAccessKey)
            {
                yield return Delete(previous, "-DeleteOldAccessKey");
            }
            else if (previous.Status == AccessKeyStatus.Active)
            {
                yield return Deactivate(previous, "-RotateAccessKey");
            }
        }
    }
}
