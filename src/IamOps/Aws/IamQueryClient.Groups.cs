namespace IamOps.Aws;

// Groups and their members.
internal sealed partial class IamQueryClient
{
    public Task<IamGroup> CreateGroupAsync(string groupName, string? path, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("CreateGroup").Add("GroupName", groupName).Add("Path", path), groupName, r => IamXml.Group(r.Field("Group")), cancellationToken);

    public Task<IamGroup> GetGroupAsync(string groupName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetGroup").Add("GroupName", groupName), groupName, r => IamXml.Group(r.Field("Group")), cancellationToken);

    public IAsyncEnumerable<IamGroup> ListGroupsAsync(string? pathPrefix, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListGroups").Add("PathPrefix", pathPrefix), "Groups", IamXml.Group, pathPrefix, cancellationToken);

    public Task AddUserToGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("AddUserToGroup").Add("GroupName", groupName).Add("UserName", userName), groupName, cancellationToken);

    public Task RemoveUserFromGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("RemoveUserFromGroup").Add("GroupName", groupName).Add("UserName", userName), groupName, cancellationToken);

    public IAsyncEnumerable<IamGroup> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListGroupsForUser").Add("UserName", userName), "Groups", IamXml.Group, userName, cancellationToken);
}
