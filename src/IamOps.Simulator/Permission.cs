namespace IamOps.Simulator;

/// <summary>What a call needs its caller to be allowed: an IAM action on a resource ARN, and sometimes a second one.</summary>
/// <param name="Also">A further permission the same call needs, e.g. iam:PassRole for AddRoleToInstanceProfile.</param>
/// <param name="RequestKeys">Condition keys the request itself carries, such as aws:RequestTag/team and aws:TagKeys.</param>
internal sealed record Permission(string Action, string Resource, Permission? Also = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? RequestKeys = null);
