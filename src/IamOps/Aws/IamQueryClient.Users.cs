namespace IamOps.Aws;

// Users, their login profiles and access keys.
internal sealed partial class IamQueryClient
{
    public Task<IamUser> CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateUser").Add("UserName", request.UserName).Add("Path", request.Path)
                .Add("PermissionsBoundary", request.PermissionsBoundaryArn).AddTags("Tags", request.Tags),
            request.UserName, r => IamXml.User(r.Field("User")), cancellationToken);

    public Task<IamUser> GetUserAsync(string? userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetUser").Add("UserName", userName), userName ?? "the caller's own user", r => IamXml.User(r.Field("User")), cancellationToken);

    public Task TagUserAsync(string userName, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("TagUser").Add("UserName", userName).AddTags("Tags", tags), userName, cancellationToken);

    public Task UntagUserAsync(string userName, IReadOnlyList<string> tagKeys, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UntagUser").Add("UserName", userName).AddList("TagKeys", tagKeys), userName, cancellationToken);

    public IAsyncEnumerable<IamUser> ListUsersAsync(string? pathPrefix, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListUsers").Add("PathPrefix", pathPrefix), "Users", IamXml.User, pathPrefix, cancellationToken);

    public Task PutUserPermissionsBoundaryAsync(string userName, string permissionsBoundaryArn, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("PutUserPermissionsBoundary").Add("UserName", userName).Add("PermissionsBoundary", permissionsBoundaryArn), userName, cancellationToken);

    public Task<LoginProfile> CreateLoginProfileAsync(string userName, string password, bool passwordResetRequired, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateLoginProfile").Add("UserName", userName).Add("Password", password).Add("PasswordResetRequired", passwordResetRequired),
            userName, r => IamXml.LoginProfile(r.Field("LoginProfile")), cancellationToken);

    public Task<LoginProfile> GetLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetLoginProfile").Add("UserName", userName), userName, r => IamXml.LoginProfile(r.Field("LoginProfile")), cancellationToken);

    public Task UpdateLoginProfileAsync(string userName, string? password, bool? passwordResetRequired, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("UpdateLoginProfile").Add("UserName", userName).Add("Password", password).Add("PasswordResetRequired", passwordResetRequired),
            userName, cancellationToken);

    public Task<NewAccessKey> CreateAccessKeyAsync(string? userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("CreateAccessKey").Add("UserName", userName), userName, r => IamXml.NewAccessKey(r.Field("AccessKey")), cancellationToken);

    public IAsyncEnumerable<AccessKeyMetadata> ListAccessKeysAsync(string? userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListAccessKeys").Add("UserName", userName), "AccessKeyMetadata", IamXml.AccessKeyMetadata, userName, cancellationToken);

    public Task UpdateAccessKeyAsync(string? userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("UpdateAccessKey").Add("UserName", userName).Add("AccessKeyId", accessKeyId).Add("Status", status.ToString()),
            accessKeyId, cancellationToken);

    public Task DeleteAccessKeyAsync(string? userName, string accessKeyId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteAccessKey").Add("UserName", userName).Add("AccessKeyId", accessKeyId), accessKeyId, cancellationToken);

    public Task DeleteUserAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteUser").Add("UserName", userName), userName, cancellationToken);

    public Task DeleteUserPermissionsBoundaryAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteUserPermissionsBoundary").Add("UserName", userName), userName, cancellationToken);

    public Task DeleteLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteLoginProfile").Add("UserName", userName), userName, cancellationToken);
}
