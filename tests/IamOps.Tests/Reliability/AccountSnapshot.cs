using System.Globalization;
using System.Text;
using IamOps.Simulator;
using IamOps.Simulator.State;

namespace IamOps.Tests.Reliability;

/// <summary>
/// A simulated account's IAM state as text, normalized so that two runs that made the same changes compare equal:
/// names, paths, memberships, policies and their documents, trust policies, instance profiles, access-key counts and
/// statuses, login profiles, MFA, password policy and alias; never secrets, generated ids, dates or STS sessions.
/// </summary>
internal static class AccountSnapshot
{
    public static string Of(SimulatedAccount account)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.OrderBy(i => i, StringComparer.Ordinal)) + "]";
        static string Tags(IEnumerable<TagState> tags) => List(tags.Select(t => t.Key + "=" + t.Value));
        static string Inline(Dictionary<string, string> policies) => List(policies.Select(p => p.Key + ":" + p.Value));

        lock (account.Gate)
        {
            var state = account.State;
            Line("alias " + (state.Alias ?? "-"));
            var p = state.PasswordPolicy;
            Line(p is null ? "password policy -" : string.Create(CultureInfo.InvariantCulture,
                $"password policy length {p.MinimumPasswordLength} symbols {p.RequireSymbols} numbers {p.RequireNumbers} upper {p.RequireUppercaseCharacters} lower {p.RequireLowercaseCharacters} change {p.AllowUsersToChangePassword} age {p.MaxPasswordAge} reuse {p.PasswordReusePrevention} hard {p.HardExpiry}"));
            foreach (var user in state.Users.Values.OrderBy(u => u.Name, StringComparer.Ordinal))
            {
                var keys = user.AccessKeys.Select(k => k.Status).OrderBy(s => s, StringComparer.Ordinal).ToList();
                Line($"user {user.Path}{user.Name} boundary {user.PermissionsBoundaryArn ?? "-"} tags {Tags(user.Tags)} login {(user.LoginProfile is null ? "-" : "reset=" + user.LoginProfile.PasswordResetRequired)} " +
                     $"keys {keys.Count} {List(keys)} mfa {List(user.MfaSerials)} groups {List(user.Groups)} attached {List(user.AttachedPolicyArns)} inline {Inline(user.InlinePolicies)}");
            }

            foreach (var group in state.Groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal))
            {
                Line($"group {group.Path}{group.Name} attached {List(group.AttachedPolicyArns)} inline {Inline(group.InlinePolicies)}");
            }

            foreach (var role in state.Roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"role {role.Path}{role.Name} trust {role.AssumeRolePolicyDocument} description {role.Description ?? "-"} max {role.MaxSessionDuration} boundary {role.PermissionsBoundaryArn ?? "-"} tags {Tags(role.Tags)} attached {List(role.AttachedPolicyArns)} inline {Inline(role.InlinePolicies)}"));
            }

            foreach (var policy in state.Policies.Values.OrderBy(x => x.Arn, StringComparer.Ordinal))
            {
                var document = policy.Versions.FirstOrDefault(v => v.VersionId == policy.DefaultVersionId)?.Document ?? "-";
                Line(string.Create(CultureInfo.InvariantCulture, $"policy {policy.Arn} versions {policy.Versions.Count} attachments {policy.AttachmentCount} boundary-uses {policy.PermissionsBoundaryUsageCount} document {document}"));
            }

            foreach (var profile in state.InstanceProfiles.Values.OrderBy(x => x.Name, StringComparer.Ordinal))
            {
                Line($"instance profile {profile.Path}{profile.Name} roles {List(profile.Roles)}");
            }

            foreach (var instance in state.Instances.Values.OrderBy(i => i.InstanceId, StringComparer.Ordinal))
            {
                Line($"instance {instance.InstanceId} profile {instance.Association?.InstanceProfileName ?? "-"}");
            }

            foreach (var device in state.MfaDevices.Values.OrderBy(d => d.SerialNumber, StringComparer.Ordinal))
            {
                Line($"mfa device {device.SerialNumber} user {device.UserName ?? "-"} enabled {device.EnableDate is not null}");
            }

            foreach (var (arn, count) in state.AwsPolicyAttachments.Where(a => a.Value > 0).OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"aws policy {arn} attachments {count}"));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// What a half-finished run leaves behind: managed policies attached nowhere, instance profiles without a role, MFA
    /// devices assigned to nobody, roles without any permissions policy, groups without members or policies.
    /// </summary>
    public static IReadOnlyList<string> Orphans(SimulatedAccount account)
    {
        lock (account.Gate)
        {
            var state = account.State;
            var members = state.Users.Values.SelectMany(u => u.Groups).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return state.Policies.Values.Where(p => p.AttachmentCount == 0 && p.PermissionsBoundaryUsageCount == 0).Select(p => "policy attached nowhere: " + p.Arn)
                .Concat(state.InstanceProfiles.Values.Where(i => i.Roles.Count == 0).Select(i => "instance profile without a role: " + i.Name))
                .Concat(state.MfaDevices.Values.Where(d => d.UserName is null).Select(d => "MFA device assigned to nobody: " + d.SerialNumber))
                .Concat(state.Roles.Values.Where(r => r.InlinePolicies.Count == 0 && r.AttachedPolicyArns.Count == 0).Select(r => "role without permissions: " + r.Name))
                .Concat(state.Groups.Values.Where(g => !members.Contains(g.Name) && g.InlinePolicies.Count == 0 && g.AttachedPolicyArns.Count == 0).Select(g => "empty group: " + g.Name))
                .OrderBy(o => o, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>How many access keys each user holds.</summary>
    public static IReadOnlyDictionary<string, int> AccessKeyCounts(SimulatedAccount account)
    {
        lock (account.Gate)
        {
            return account.State.Users.Values.ToDictionary(u => u.Name, u => u.AccessKeys.Count, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Users holding more access keys than <paramref name="expected"/> says: a retried create that made a second key.</summary>
    public static IReadOnlyList<string> ExtraAccessKeys(SimulatedAccount account, IReadOnlyDictionary<string, int> expected) =>
        AccessKeyCounts(account).Where(c => c.Value > expected.GetValueOrDefault(c.Key))
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} has {c.Value} access keys, expected {expected.GetValueOrDefault(c.Key)}"))
            .ToList();
}
