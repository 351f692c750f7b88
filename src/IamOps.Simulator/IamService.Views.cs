using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

internal sealed partial class IamService
{
    public IamUser ToUser(UserState user, bool full) => new()
    {
        UserName = user.Name,
        UserId = user.Id,
        Arn = $"arn:aws:iam::{AccountId}:user{user.Path}{user.Name}",
        Path = user.Path,
        CreateDate = user.CreateDate,
        PasswordLastUsed = user.LoginProfile?.PasswordLastUsed,
        PermissionsBoundaryArn = full ? user.PermissionsBoundaryArn : null,
        Tags = full ? ToTags(user.Tags) : Array.Empty<IamTag>(),
    };

    public IamGroup ToGroup(GroupState group) => new()
    {
        GroupName = group.Name,
        GroupId = group.Id,
        Arn = $"arn:aws:iam::{AccountId}:group{group.Path}{group.Name}",
        Path = group.Path,
        CreateDate = group.CreateDate,
    };

    public IamRole ToRole(RoleState role, bool full) => new()
    {
        RoleName = role.Name,
        RoleId = role.Id,
        Arn = RoleArn(role),
        Path = role.Path,
        CreateDate = role.CreateDate,
        AssumeRolePolicyDocument = role.AssumeRolePolicyDocument,
        Description = role.Description,
        MaxSessionDuration = role.MaxSessionDuration,
        PermissionsBoundaryArn = full ? role.PermissionsBoundaryArn : null,
        Tags = full ? ToTags(role.Tags) : Array.Empty<IamTag>(),
        LastUsedDate = full ? role.LastUsedDate : null,
        LastUsedRegion = full ? role.LastUsedRegion : null,
    };

    public string RoleArn(RoleState role) => $"arn:aws:iam::{AccountId}:role{role.Path}{role.Name}";

    public ManagedPolicy ToPolicy(PolicyState policy)
    {
        var isAws = ManagedPolicyCatalog.Find(policy.Arn) is not null;
        var attachments = isAws ? (State.AwsPolicyAttachments.TryGetValue(policy.Arn, out var n) ? n : 0) : policy.AttachmentCount;
        return new ManagedPolicy
        {
            PolicyName = policy.Name,
            PolicyId = policy.Id,
            Arn = policy.Arn,
            Path = policy.Path,
            DefaultVersionId = policy.DefaultVersionId,
            AttachmentCount = attachments,
            PermissionsBoundaryUsageCount = policy.PermissionsBoundaryUsageCount,
            IsAttachable = true,
            Description = policy.Description,
            CreateDate = policy.CreateDate,
            UpdateDate = policy.UpdateDate,
            Tags = ToTags(policy.Tags),
        };
    }

    public static PolicyVersion ToVersion(PolicyState policy, PolicyVersionState version, bool withDocument) => new()
    {
        VersionId = version.VersionId,
        IsDefaultVersion = version.VersionId == policy.DefaultVersionId,
        CreateDate = version.CreateDate,
        Document = withDocument ? version.Document : null,
    };

    public InstanceProfile ToInstanceProfile(InstanceProfileState profile) => new()
    {
        InstanceProfileName = profile.Name,
        InstanceProfileId = profile.Id,
        Arn = $"arn:aws:iam::{AccountId}:instance-profile{profile.Path}{profile.Name}",
        Path = profile.Path,
        CreateDate = profile.CreateDate,
        Roles = profile.Roles.Where(State.Roles.ContainsKey).Select(r => ToRole(State.Roles[r], full: false)).ToList(),
        Tags = ToTags(profile.Tags),
    };

    internal static IReadOnlyList<IamTag> ToTags(List<TagState> tags) => tags.Select(t => new IamTag(t.Key, t.Value)).ToList();

    internal static List<TagState> ToState(IEnumerable<IamTag> tags) => tags.Select(t => new TagState { Key = t.Key, Value = t.Value }).ToList();

    /// <summary>Tag* semantics: new keys are added, existing keys (ignoring case) get the new value; 50 at most in all.</summary>
    private static List<TagState> MergeTags(List<TagState> existing, IReadOnlyList<IamTag> tags)
    {
        var untouched = existing.Where(e => !tags.Any(t => string.Equals(t.Key, e.Key, StringComparison.OrdinalIgnoreCase))).ToList();
        IamNameRules.CheckTags(tags, untouched.Count);
        untouched.AddRange(ToState(tags));
        return untouched;
    }

    private static bool UnderPath(string path, string? prefix) => prefix is null || path.StartsWith(prefix, StringComparison.Ordinal);
}
