using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

internal sealed partial class IamService
{
    public IamRole CreateRole(CreateRoleRequest request)
    {
        IamNameRules.CheckName("roleName", request.RoleName, IamQuotas.RoleNameLength);
        var path = IamNameRules.CheckPath(request.Path);
        IamNameRules.CheckDescription(request.Description);
        IamNameRules.CheckTags(request.Tags);
        if (request.MaxSessionDuration is { } max)
        {
            IamNameRules.CheckRange("maxSessionDuration", max, 3600, 43200);
        }

        CheckBoundary(request.PermissionsBoundaryArn);
        CheckDocument("assumeRolePolicyDocument", request.AssumeRolePolicyDocument, PolicyKind.Trust, State.Quotas.RoleTrustPolicySize, $"Cannot exceed quota for ACLSizePerRole: {State.Quotas.RoleTrustPolicySize}");
        if (State.Roles.ContainsKey(request.RoleName))
        {
            throw ServiceError.AlreadyExists($"Role with name {request.RoleName} already exists.");
        }

        if (State.Roles.Count >= State.Quotas.Roles)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for RolesPerAccount: {State.Quotas.Roles}");
        }

        var role = new RoleState
        {
            Name = request.RoleName,
            Id = SecretGenerator.UniqueId("AROA"),
            Path = path,
            CreateDate = Now,
            AssumeRolePolicyDocument = request.AssumeRolePolicyDocument,
            Description = request.Description,
            MaxSessionDuration = request.MaxSessionDuration ?? 3600,
            PermissionsBoundaryArn = request.PermissionsBoundaryArn,
            Tags = ToState(request.Tags),
        };
        State.Roles[role.Name] = role;
        CountBoundary(role.PermissionsBoundaryArn, +1);
        return ToRole(role, full: true);
    }

    public IamRole GetRole(string roleName) => ToRole(FindRole(roleName), full: true);

    public void UpdateAssumeRolePolicy(string roleName, string policyDocument)
    {
        var role = FindRole(roleName);
        CheckDocument("policyDocument", policyDocument, PolicyKind.Trust, State.Quotas.RoleTrustPolicySize, $"Cannot exceed quota for ACLSizePerRole: {State.Quotas.RoleTrustPolicySize}");
        role.AssumeRolePolicyDocument = policyDocument;
    }

    public void UpdateRole(string roleName, string? description, int? maxSessionDuration)
    {
        var role = FindRole(roleName);
        IamNameRules.CheckDescription(description);
        if (maxSessionDuration is { } max)
        {
            IamNameRules.CheckRange("maxSessionDuration", max, 3600, 43200);
            role.MaxSessionDuration = max;
        }

        role.Description = description ?? role.Description;
    }

    public void TagRole(string roleName, IReadOnlyList<IamTag> tags)
    {
        var role = FindRole(roleName);
        role.Tags = MergeTags(role.Tags, tags);
    }

    public void UntagRole(string roleName, IReadOnlyList<string> tagKeys) =>
        FindRole(roleName).Tags.RemoveAll(t => tagKeys.Contains(t.Key, StringComparer.OrdinalIgnoreCase));

    public IReadOnlyList<IamRole> ListRoles(string? pathPrefix) =>
        State.Roles.Values.Where(r => UnderPath(r.Path, pathPrefix)).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(r => ToRole(r, full: false)).ToList();

    public void DeleteRole(string roleName)
    {
        var role = FindRole(roleName);
        if (State.InstanceProfiles.Values.Any(p => p.Roles.Contains(role.Name, StringComparer.OrdinalIgnoreCase)))
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must remove roles from instance profile first.");
        }

        CheckNoPolicies(role.AttachedPolicyArns, role.InlinePolicies);

        CountBoundary(role.PermissionsBoundaryArn, -1);
        State.Roles.Remove(role.Name);
    }

    // Instance profiles

    public InstanceProfile CreateInstanceProfile(string name, string? path, IReadOnlyList<IamTag> tags)
    {
        IamNameRules.CheckName("instanceProfileName", name, IamQuotas.OtherNameLength);
        var checkedPath = IamNameRules.CheckPath(path);
        IamNameRules.CheckTags(tags);
        if (State.InstanceProfiles.ContainsKey(name))
        {
            throw ServiceError.AlreadyExists($"Instance Profile {name} already exists.");
        }

        if (State.InstanceProfiles.Count >= State.Quotas.InstanceProfiles)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for InstanceProfilesPerAccount: {State.Quotas.InstanceProfiles}");
        }

        var profile = new InstanceProfileState { Name = name, Id = SecretGenerator.UniqueId("AIPA"), Path = checkedPath, CreateDate = Now, Tags = ToState(tags) };
        State.InstanceProfiles[name] = profile;
        return ToInstanceProfile(profile);
    }

    public InstanceProfile GetInstanceProfile(string name) => ToInstanceProfile(FindInstanceProfile(name));

    public void AddRoleToInstanceProfile(string name, string roleName)
    {
        var profile = FindInstanceProfile(name);
        var role = FindRole(roleName);
        if (profile.Roles.Contains(role.Name, StringComparer.OrdinalIgnoreCase))
        {
            throw ServiceError.AlreadyExists($"Role {role.Name} is already associated with instance profile {profile.Name}.");
        }

        if (profile.Roles.Count >= IamQuotas.RolesPerInstanceProfile)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for InstanceSessionsPerInstanceProfile: {IamQuotas.RolesPerInstanceProfile}");
        }

        profile.Roles.Add(role.Name);
    }

    public void RemoveRoleFromInstanceProfile(string name, string roleName)
    {
        var profile = FindInstanceProfile(name);
        var role = FindRole(roleName);
        if (profile.Roles.RemoveAll(r => string.Equals(r, role.Name, StringComparison.OrdinalIgnoreCase)) == 0)
        {
            throw ServiceError.NoSuchEntity($"Role {role.Name} in Instance Profile {profile.Name} cannot be found.");
        }
    }

    public IReadOnlyList<InstanceProfile> ListInstanceProfilesForRole(string roleName)
    {
        var role = FindRole(roleName);
        return State.InstanceProfiles.Values.Where(p => p.Roles.Contains(role.Name, StringComparer.OrdinalIgnoreCase)).Select(ToInstanceProfile).ToList();
    }

    public void DeleteInstanceProfile(string name)
    {
        var profile = FindInstanceProfile(name);
        if (profile.Roles.Count > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must remove roles from instance profile first.");
        }

        State.InstanceProfiles.Remove(profile.Name);
    }

    internal RoleState FindRole(string? roleName)
    {
        IamNameRules.CheckName("roleName", roleName, IamQuotas.RoleNameLength);
        return State.Roles.TryGetValue(roleName!, out var role)
            ? role
            : throw ServiceError.NoSuchEntity($"The role with name {roleName} cannot be found.");
    }

    private InstanceProfileState FindInstanceProfile(string? name)
    {
        IamNameRules.CheckName("instanceProfileName", name, IamQuotas.OtherNameLength);
        return State.InstanceProfiles.TryGetValue(name!, out var profile)
            ? profile
            : throw ServiceError.NoSuchEntity($"Instance Profile {name} cannot be found.");
    }
}
