using System.Globalization;
using IamOps.Aws;

namespace IamOps.Completion;

/// <summary>Lists the names of one kind through the ports, in the order they arrive, stopping after <see cref="MaxNames"/>.</summary>
internal static class AccountNameLister
{
    /// <summary>One IAM page (or S3 page) of names; stopping there stops paging, so a huge account costs one call.</summary>
    public const int MaxNames = 1000;

    public static Task<IReadOnlyList<AccountName>> ListAsync(IAwsConnection connection, AccountNameKind kind, CancellationToken cancellationToken) => kind switch
    {
        AccountNameKind.User => TakeAsync(connection.Iam.ListUsersAsync(null, cancellationToken), u => Describe(u.UserName, u.Arn, null, u.CreateDate), cancellationToken),
        AccountNameKind.Group => TakeAsync(connection.Iam.ListGroupsAsync(null, cancellationToken), g => Describe(g.GroupName, g.Arn, null, g.CreateDate), cancellationToken),
        AccountNameKind.Role => TakeAsync(connection.Iam.ListRolesAsync(null, cancellationToken), r => Describe(r.RoleName, r.Arn, r.Description, r.CreateDate), cancellationToken),
        AccountNameKind.Bucket => TakeAsync(connection.S3.ListBucketsAsync(cancellationToken), b => Describe(b.BucketName, "arn:aws:s3:::" + b.BucketName, b.Region, b.CreationDate), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No listing for this kind of name."),
    };

    private static async Task<IReadOnlyList<AccountName>> TakeAsync<T>(IAsyncEnumerable<T> items, Func<T, AccountName> describe, CancellationToken cancellationToken)
    {
        var names = new List<AccountName>();
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            names.Add(describe(item));
            if (names.Count >= MaxNames)
            {
                break;
            }
        }

        return names;
    }

    /// <summary>The tooltip: the ARN, then what else tells names apart (a role's description, a bucket's region), then the creation date.</summary>
    private static AccountName Describe(string name, string arn, string? detail, DateTime? created)
    {
        var lines = new List<string> { string.IsNullOrEmpty(arn) ? name : arn };
        if (!string.IsNullOrWhiteSpace(detail))
        {
            lines.Add(detail!);
        }

        if (created is { } date && date != default)
        {
            var utc = date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : DateTime.SpecifyKind(date, DateTimeKind.Utc);
            lines.Add("created " + utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        }

        return new AccountName(name, string.Join("\n", lines));
    }
}
