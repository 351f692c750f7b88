namespace IamOps.Aws;

// Roles and instance profiles.
internal sealed partial class IamQueryClient
{
    public Task<IamRole> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateRole").Add("RoleName", request.RoleName).Add("AssumeRolePolicyDocument", request.AssumeRolePolicyDocument)
                .Add("Path", request.Path).Add("Description", request.Description).Add("MaxSessionDuration", request.MaxSessionDuration)
                .Add("PermissionsBoundary", request.PermissionsBoundaryArn).AddTags("Tags", request.Tags),
            request.RoleName, r => IamXml.Role(r.Field("Role")), cancellationToken);

    public Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetRole").Add("RoleName", roleName), roleName, r => IamXml.Role(r.Field("Role")), cancellationToken);

    public Task UpdateAssumeRolePolicyAsync(string roleName, string policyDocument, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UpdateAssumeRolePolicy").Add("RoleName", roleName).Add("PolicyDocument", policyDocument), roleName, cancellationToken);

    public Task UpdateRoleAsync(string roleName, string? description, int? maxSessionDuration, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UpdateRole").Add("RoleName", roleName).Add("Description", description).Add("MaxSessionDuration", maxSessionDuration), roleName, cancellationToken);

    public Task TagRoleAsync(string roleName, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("TagRole").Add("RoleName", roleName).AddTags("Tags", tags), roleName, cancellationToken);

    public IAsyncEnumerable<IamRole> ListRolesAsync(string? pathPrefix, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListRoles").Add("PathPrefix", pathPrefix), "Roles", IamXml.Role, pathPrefix, cancellationToken);

    public Task<InstanceProfile> CreateInstanceProfileAsync(string instanceProfileName, string? path, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateInstanceProfile").Add("InstanceProfileName", instanceProfileName).Add("Path", path).AddTags("Tags", tags),
            instanceProfileName, r => IamXml.InstanceProfile(r.Field("InstanceProfile")), cancellationToken);

    public Task<InstanceProfile> GetInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("GetInstanceProfile").Add("InstanceProfileName", instanceProfileName),
            instanceProfileName, r => IamXml.InstanceProfile(r.Field("InstanceProfile")), cancellationToken);

    public Task AddRoleToInstanceProfileAsync(string instanceProfileName, string roleName, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("AddRoleToInstanceProfile").Add("InstanceProfileName", instanceProfileName).Add("RoleName", roleName),
            instanceProfileName, cancellationToken);

    public IAsyncEnumerable<InstanceProfile> ListInstanceProfilesForRoleAsync(string roleName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListInstanceProfilesForRole").Add("RoleName", roleName), "InstanceProfiles", IamXml.InstanceProfile, roleName, cancellationToken);

    public Task DeleteRoleAsync(string roleName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteRole").Add("RoleName", roleName), roleName, cancellationToken);

    public Task RemoveRoleFromInstanceProfileAsync(string instanceProfileName, string roleName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("RemoveRoleFromInstanceProfile").Add("InstanceProfileName", instanceProfileName).Add("RoleName", roleName), instanceProfileName, cancellationToken);

    public Task DeleteInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteInstanceProfile").Add("InstanceProfileName", instanceProfileName), instanceProfileName, cancellationToken);
}
