using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

internal sealed partial class IamService
{
    public IamGroup CreateGroup(string groupName, string? path)
    {
        IamNameRules.CheckName("groupName", groupName, IamQuotas.OtherNameLength);
        var checkedPath = IamNameRules.CheckPath(path);
        if (State.Groups.ContainsKey(groupName))
        {
            throw ServiceError.AlreadyExists($"Group with name {groupName} already exists.");
        }

        if (State.Groups.Count >= State.Quotas.Groups)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for GroupsPerAccount: {State.Quotas.Groups}");
        }

        var group = new GroupState { Name = groupName, Id = SecretGenerator.UniqueId("AGPA"), Path = checkedPath, CreateDate = Now };
        State.Groups[groupName] = group;
        return ToGroup(group);
    }

    public IamGroup GetGroup(string groupName) => ToGroup(FindGroup(groupName));

    /// <summary>GetGroup's member list, which the port leaves out and the Query API returns.</summary>
    public IReadOnlyList<IamUser> GroupMembers(string groupName)
    {
        var group = FindGroup(groupName);
        return State.Users.Values.Where(u => u.Groups.Contains(group.Name, StringComparer.OrdinalIgnoreCase)).OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Select(u => ToUser(u, full: false)).ToList();
    }

    public IReadOnlyList<IamGroup> ListGroups(string? pathPrefix) =>
        State.Groups.Values.Where(g => UnderPath(g.Path, pathPrefix)).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).Select(ToGroup).ToList();

    public void AddUserToGroup(string groupName, string userName)
    {
        var group = FindGroup(groupName);
        var user = FindUser(userName);
        if (user.Groups.Contains(group.Name, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        if (user.Groups.Count >= IamQuotas.GroupsPerUser)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for GroupsPerUser: {IamQuotas.GroupsPerUser}");
        }

        user.Groups.Add(group.Name);
    }

    public void RemoveUserFromGroup(string groupName, string userName)
    {
        var group = FindGroup(groupName);
        var user = FindUser(userName);
        if (user.Groups.RemoveAll(g => string.Equals(g, group.Name, StringComparison.OrdinalIgnoreCase)) == 0)
        {
            throw ServiceError.NoSuchEntity($"User {user.Name} is not in group {group.Name}.");
        }
    }

    public IReadOnlyList<IamGroup> ListGroupsForUser(string userName) =>
        FindUser(userName).Groups.Select(g => ToGroup(State.Groups[g])).ToList();

    public void DeleteGroup(string groupName)
    {
        var group = FindGroup(groupName);
        if (State.Users.Values.Any(u => u.Groups.Contains(group.Name, StringComparer.OrdinalIgnoreCase)))
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must remove users from group first.");
        }

        CheckNoPolicies(group.AttachedPolicyArns, group.InlinePolicies);

        State.Groups.Remove(group.Name);
    }

    private GroupState FindGroup(string? groupName)
    {
        IamNameRules.CheckName("groupName", groupName, IamQuotas.OtherNameLength);
        return State.Groups.TryGetValue(groupName!, out var group)
            ? group
            : throw ServiceError.NoSuchEntity($"The group with name {groupName} cannot be found.");
    }
}
