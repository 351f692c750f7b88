namespace IamOps.Aws;

// The account: aliases, password policy, summary.
internal sealed partial class IamQueryClient
{
    public IAsyncEnumerable<string> ListAccountAliasesAsync(CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListAccountAliases"), "AccountAliases", m => m.Value, null, cancellationToken);

    public Task CreateAccountAliasAsync(string accountAlias, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("CreateAccountAlias").Add("AccountAlias", accountAlias), accountAlias, cancellationToken);

    public Task DeleteAccountAliasAsync(string accountAlias, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteAccountAlias").Add("AccountAlias", accountAlias), accountAlias, cancellationToken);

    public Task<PasswordPolicy> GetAccountPasswordPolicyAsync(CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetAccountPasswordPolicy"), "the account password policy", r => IamXml.PasswordPolicy(r.Field("PasswordPolicy")), cancellationToken);

    public Task UpdateAccountPasswordPolicyAsync(PasswordPolicy policy, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("UpdateAccountPasswordPolicy")
                .Add("MinimumPasswordLength", policy.MinimumPasswordLength)
                .Add("RequireSymbols", policy.RequireSymbols)
                .Add("RequireNumbers", policy.RequireNumbers)
                .Add("RequireUppercaseCharacters", policy.RequireUppercaseCharacters)
                .Add("RequireLowercaseCharacters", policy.RequireLowercaseCharacters)
                .Add("AllowUsersToChangePassword", policy.AllowUsersToChangePassword)
                .Add("MaxPasswordAge", policy.MaxPasswordAge)
                .Add("PasswordReusePrevention", policy.PasswordReusePrevention)
                .Add("HardExpiry", policy.HardExpiry),
            "the account password policy", cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> GetAccountSummaryAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyDictionary<string, int>>(
            new IamQueryRequest("GetAccountSummary"), "the account",
            r => r.Field("SummaryMap").Entries().ToDictionary(e => e.Key, e => IamXml.ParseInt(e.Value, e.Key), StringComparer.Ordinal),
            cancellationToken);
}
