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
        IsServiceLinkedRole = roleArn is not null
            && (roleArn.IndexOf(":role/aws-service-role/", StringComparison.Ordinal) >= 0
                || roleArn.IndexOf(":role/AWSServiceRoleFor", StringComparison.Ordinal) >= 0);
    }

    public PrincipalKind Kind { get; }

    public string Arn { get; }

    public string? Account { get; }

    /// <summary>For a role session, the role's ARN (from aws:PrincipalArn when given, else built without a path).</summary>
    public string? RoleArn { get; }

    /// <summary>For an IAM user, the user name (aws:username).</summary>
    public string? UserName { get; }

    /// <summary>A role under /aws-service-role/ (or named AWSServiceRoleFor...): SCPs and RCPs do not restrict it.</summary>
    public bool IsServiceLinkedRole { get; }

    /// <summary>Principals that belong to no account's IAM: services and identity providers have no identity policies.</summary>
    public bool HasIdentityPolicies => Kind is PrincipalKind.User or PrincipalKind.RoleSession or PrincipalKind.Root or PrincipalKind.FederatedUser or PrincipalKind.Group;

    /// <summary>The ARN aws:PrincipalArn reports: the role for role sessions, else the principal itself.</summary>
    public string PrincipalArnKey => RoleArn ?? Arn;

    public static PrincipalFacts From(string principal, string? principalArnFromContext)
    {
        var arn = new ArnParts(principal);
        if (!arn.IsArn)
        {
            if (principal.Length == 12 && principal.All(char.IsDigit))
            {
                return new PrincipalFacts(PrincipalKind.Root, $"arn:aws:iam::{principal}:root", principal, null, null);
            }

            // ec2.amazonaws.com is a service; accounts.google.com, cognito-identity.amazonaws.com and graph.facebook.com are web identity providers.
            var provider = principal is "cognito-identity.amazonaws.com" or "accounts.google.com" or "graph.facebook.com" or "www.amazon.com";
            var kind = provider ? PrincipalKind.IdentityProvider : principal.IndexOf('.') > 0 ? PrincipalKind.Service : PrincipalKind.Other;
            return new PrincipalFacts(kind, principal, null, null, null);
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

        if (service == "iam" && resource.StartsWith("group/", StringComparison.Ordinal))
        {
            return new PrincipalFacts(PrincipalKind.Group, principal, account, null, null);
        }

        if (service == "iam" && resource.StartsWith("role/", StringComparison.Ordinal))
        {
            return new PrincipalFacts(PrincipalKind.RoleSession, principal, account, principal, null);
        }

        if (service == "iam" && (resource.StartsWith("oidc-provider/", StringComparison.Ordinal) || resource.StartsWith("saml-provider/", StringComparison.Ordinal)))
        {
            return new PrincipalFacts(PrincipalKind.IdentityProvider, principal, account, null, null);
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
