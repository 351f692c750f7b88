using IamOps.Aws;

namespace IamOps.Accounts;

/// <summary>The account an operation works on: id, partition and alias, and the console sign-in URL they make.</summary>
public sealed class AccountContext
{
    public AccountContext(string accountId, string partition, string? alias)
    {
        AccountId = accountId;
        Partition = partition;
        Alias = alias;
    }

    public string AccountId { get; }

    public string Partition { get; }

    public string? Alias { get; private set; }

    /// <summary>The alias-based URL when an alias exists, else the account-id one, in the partition's sign-in domain.</summary>
    public string ConsoleSignInUrl => $"https://{Alias ?? AccountId}.signin.{SignInDomain}/console";

    private string SignInDomain => Partition switch
    {
        "aws-cn" => "amazonaws.cn",
        "aws-us-gov" => "amazonaws-us-gov.com",
        _ => "aws.amazon.com",
    };

    public static async Task<AccountContext> LoadAsync(IAwsConnection connection, CancellationToken cancellationToken)
    {
        var identity = await connection.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        string? alias = null;
        await foreach (var name in connection.Iam.ListAccountAliasesAsync(cancellationToken).ConfigureAwait(false))
        {
            alias = name;
            break;
        }

        return new AccountContext(identity.Account, identity.Partition, alias);
    }

    /// <summary>The ARN of a customer managed policy of this account.</summary>
    public string PolicyArn(string policyName, string path = "/") => $"arn:{Partition}:iam::{AccountId}:policy{path}{policyName}";

    /// <summary>The ARN a role of this account has (or will have once created).</summary>
    public string RoleArn(string roleName, string path = "/") => $"arn:{Partition}:iam::{AccountId}:role{path}{roleName}";

    /// <summary>The ARN of an AWS managed policy, e.g. AdministratorAccess.</summary>
    public string AwsManagedPolicyArn(string policyName) => $"arn:{Partition}:iam::aws:policy/{policyName}";

    /// <summary>Records an alias created or replaced by this run, so later URLs use it.</summary>
    internal void UseAlias(string alias) => Alias = alias;
}
