namespace IamOps.Aws;

/// <summary>The two ways planners and appliers read IAM's answers: "absent" is a value, "already there" is success.</summary>
public static class IamLookup
{
    /// <summary>The entity, or null when IAM says it does not exist.</summary>
    public static async Task<T?> FindAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (IamOpsException failure) when (failure.Kind == FailureKind.ObjectNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs a create; EntityAlreadyExists counts as done, because a retried create whose first attempt succeeded
    /// server-side (or a concurrent run) must converge, not fail.
    /// </summary>
    public static async Task CreateOrKeepAsync(Func<Task> create)
    {
        try
        {
            await create().ConfigureAwait(false);
        }
        catch (IamOpsException failure) when (failure.Kind == FailureKind.ResourceExists)
        {
        }
    }

    /// <summary>All items of a paged list.</summary>
    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
