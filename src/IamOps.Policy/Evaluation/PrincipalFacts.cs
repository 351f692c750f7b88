namespace IamOps.Policy.Evaluation;

/// <summary>What a request's principal ARN says: its kind, account, and for role sessions the role it came from.</summary>
internal sealed class PrincipalFacts
{
    private PrincipalFacts(PrincipalKind kind, string arn, string? account, string? roleArn, string? userName)
    {
        Kind = kind;
        Arn = arn;
        Account = account;
        RoleArn = roleArn;
        UserName = userName;
    }

    public PrincipalKind Kind { get; }

    public string Arn { get; }

    public string? Account { get; }

    /// <summary>For a role session, the role's ARN (from aws:PrincipalArn when given, else built without a path).</summary>
    public string? RoleArn { get; }

    /// <summary>For an IAM user, the user name (aws:username).</summary>
    public string? UserName { get; }

    /// <summary>The ARN aws:PrincipalArn reports: the role for role sessions, else the principal itself.</summary>
    public string PrincipalArnKey => RoleArn ?? Arn;

    public static PrincipalFacts From(string principal, string? principalArnFromContext)
    {
        var arn = new ArnParts(principal);
        if (!arn.IsArn)
        {
            return new PrincipalFacts(PrincipalKind.Other, principal, principal.Length == 12 && principal.All(char.IsDigit) ? principal : null, null, null);
        }

        var service = arn.PartText(2);
        var account = arn.PartText(4);
        var resource = arn.PartText(5);
        if (service == "iam" && resource == "root")
        {
            return new PrincipalFacts(PrincipalKind.Root, principal, account, null, null);
        }

        if (service == "iam" && resource.StartsWith("user/", StringComparison.Ordinal))
        {
            return new PrincipalFacts(PrincipalKind.User, principal, account, null, resource.Substring(resource.LastIndexOf('/') + 1));
        }

        if (service == "iam" && resource.StartsWith("role/", StringComparison.Ordinal))
        {
            return new PrincipalFacts(PrincipalKind.RoleSession, principal, account, principal, null);
        }

        if (service == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var rest = resource.Substring("assumed-role/".Length);
            var slash = rest.IndexOf('/');
            var roleName = slash >= 0 ? rest.Substring(0, slash) : rest;
            var roleArn = principalArnFromContext ?? $"arn:{arn.PartText(1)}:iam::{account}:role/{roleName}";
            return new PrincipalFacts(PrincipalKind.RoleSession, principal, account, roleArn, null);
        }

        if (service == "sts" && resource.StartsWith("federated-user/", StringComparison.Ordinal))
        {
            return new PrincipalFacts(PrincipalKind.FederatedUser, principal, account, null, null);
        }

        return new PrincipalFacts(PrincipalKind.Other, principal, account, null, null);
    }

    public string? TypeName => Kind switch
    {
        PrincipalKind.User => "User",
        PrincipalKind.RoleSession => "AssumedRole",
        PrincipalKind.Root => "Account",
        PrincipalKind.FederatedUser => "FederatedUser",
        _ => null,
    };
}
