namespace IamOps.Aws;

/// <summary>Who the current credentials belong to: the answer of STS GetCallerIdentity.</summary>
public sealed class CallerIdentity
{
    public CallerIdentity(string account, string arn, string userId)
    {
        Account = account;
        Arn = arn;
        UserId = userId;
        var arnParts = arn.Split(new[] { ':' }, 6);
        Partition = arnParts.Length == 6 ? arnParts[1] : "aws";
        var resource = arnParts.Length == 6 ? arnParts[5] : string.Empty;
        var slash = resource.IndexOf('/');
        var kind = slash < 0 ? resource : resource.Substring(0, slash);
        PrincipalType = kind switch
        {
            "root" => "Root",
            "user" => "User",
            "assumed-role" => "AssumedRole",
            "federated-user" => "FederatedUser",
            _ => kind,
        };
        PrincipalName = slash < 0 ? resource : resource.Substring(resource.LastIndexOf('/') + 1);
        if (PrincipalType == "AssumedRole")
        {
            var parts = resource.Split('/');
            RoleName = parts.Length >= 3 ? parts[1] : null;
            PrincipalName = parts.Length >= 3 ? parts[2] : PrincipalName;
        }
    }

    /// <summary>The 12-digit account id.</summary>
    public string Account { get; }

    public string Arn { get; }

    /// <summary>The unique id (AIDA... for a user, AROA...:session for an assumed role).</summary>
    public string UserId { get; }

    /// <summary>aws, aws-cn, aws-us-gov, ...</summary>
    public string Partition { get; }

    /// <summary>Root, User, AssumedRole or FederatedUser.</summary>
    public string PrincipalType { get; }

    /// <summary>The user name, the role session name, or the federated user name.</summary>
    public string PrincipalName { get; }

    /// <summary>For an assumed role: the role's name.</summary>
    public string? RoleName { get; }
}
