using System.Text.RegularExpressions;

namespace IamOps.Organizations;

/// <summary>Which accounts Get-IamOrganizationAccount lists.</summary>
public sealed record OrganizationAccountRequest
{
    /// <summary>The statuses Organizations reports.</summary>
    public static readonly IReadOnlyList<string> KnownStatuses = new[] { "ACTIVE", "SUSPENDED", "PENDING_CLOSURE" };

    /// <summary>The root (r-…) or an OU (ou-…-…) whose accounts to list; null for every account of the organization.</summary>
    public string? ParentId { get; init; }

    /// <summary>With <see cref="ParentId"/>: the accounts of the OUs under it too, at any depth.</summary>
    public bool Recurse { get; init; }

    /// <summary>Only accounts in one of these statuses.</summary>
    public IReadOnlyCollection<string> Statuses { get; init; } = new[] { "ACTIVE" };

    /// <summary>Fails with an id and a fix for what can be checked before any call.</summary>
    public void Check()
    {
        if (ParentId is not null && !Regex.IsMatch(ParentId, "^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$"))
        {
            throw new IamOpsException("ParentIdInvalid", FailureKind.InvalidArgument,
                $"-ParentId '{ParentId}' is neither a root id (r- and 4 to 32 lowercase letters or digits, e.g. r-ab12) nor an OU id (e.g. ou-ab12-cdefgh34). Get-IamOrganizationAccount shows each account's ParentId.", ParentId);
        }

        if (Recurse && ParentId is null)
        {
            throw new IamOpsException("RecurseNeedsParentId", FailureKind.InvalidArgument,
                "-Recurse lists the accounts under -ParentId at any depth; give -ParentId (without it every account is listed anyway).", null);
        }

        foreach (var status in Statuses.Where(s => !KnownStatuses.Contains(s, StringComparer.Ordinal)))
        {
            throw new IamOpsException("AccountStatusInvalid", FailureKind.InvalidArgument,
                $"-Status '{status}' is not an account status; use {string.Join(", ", KnownStatuses)}.", status);
        }
    }
}
