using System.Text.RegularExpressions;

namespace IamOps.AccountFanOut;

/// <summary>One account a fan-out runs in: its 12-digit id, its name when the input knew it, and where it came in the input.</summary>
public sealed class FanOutAccount
{
    private static readonly Regex TwelveDigits = new("^[0-9]{12}$", RegexOptions.CultureInvariant);

    public FanOutAccount(string id, string? name = null, int position = 0)
    {
        Id = id;
        Name = string.IsNullOrWhiteSpace(name) ? null : name;
        Position = position;
    }

    /// <summary>The 12-digit account id.</summary>
    public string Id { get; }

    /// <summary>The account's name (from Organizations), or null when only the id was given.</summary>
    public string? Name { get; }

    /// <summary>Where the account came in the input (0-based), the order -Ordered keeps.</summary>
    public int Position { get; }

    /// <summary>An account id as given (spaces trimmed), or a failure naming it when it is not 12 digits.</summary>
    public static string CheckId(string? id)
    {
        var trimmed = id?.Trim() ?? string.Empty;
        return TwelveDigits.IsMatch(trimmed)
            ? trimmed
            : throw new IamOpsException("AccountIdInvalid", FailureKind.InvalidArgument,
                $"'{id}' is not an AWS account id: an account id is 12 digits, e.g. 123456789012. Pipe accounts from Get-IamOrganizationAccount or Get-ORGAccountList, or pass -AccountId.", id);
    }

    public override string ToString() => Name is null ? Id : $"{Id} ({Name})";
}
