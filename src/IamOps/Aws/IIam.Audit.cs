namespace IamOps.Aws;

// The calls the audit chores add: when each credential was last used.
public partial interface IIam
{
    /// <summary>GetAccessKeyLastUsed: the key's owner and its last use (null fields when never used).</summary>
    Task<AccessKeyLastUsed> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken);
}
