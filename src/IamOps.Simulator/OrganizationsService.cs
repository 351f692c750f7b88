using System.Globalization;
using System.Text;
using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// AWS Organizations over the account's organization, as its management account (or a member) sees it: the reads
/// IamOps uses, with Organizations' paging (MaxResults 1 to 20, NextToken) and errors. Runs under the account's lock.
/// </summary>
internal sealed class OrganizationsService
{
    private readonly SimulatedAccount _account;

    public OrganizationsService(SimulatedAccount account) => _account = account;

    /// <summary>Organizations' names for what the call path raises in IAM's words: AccessDenied, Throttling.</summary>
    public static ServiceError InOrganizationsWords(ServiceError error) => error.Code switch
    {
        "AccessDenied" => new ServiceError("AccessDeniedException", 400, error.Message),
        "Throttling" => new ServiceError("TooManyRequestsException", 400, "Rate exceeded"),
        "InternalFailure" => new ServiceError("ServiceException", 500, "AWS Organizations can't complete your request because of an internal service error. Try again later.", senderFault: false),
        _ => error,
    };

    public OrganizationDescription DescribeOrganization()
    {
        var organization = Organization();
        return organization.Read(state =>
        {
            var management = state.Accounts[0];
            return new OrganizationDescription
            {
                Id = state.Id,
                Arn = $"arn:aws:organizations::{state.ManagementAccountId}:organization/{state.Id}",
                FeatureSet = "ALL",
                ManagementAccountId = management.Id,
                ManagementAccountArn = AccountArn(state, management.Id),
                ManagementAccountEmail = management.Email,
            };
        });
    }

    public Page<OrganizationsAccount> ListAccounts(string? nextToken, int? maxResults) =>
        ManagementRead((state, organization) => Slice("ListAccounts", state.Accounts.Select(a => ToAccount(state, a)).ToList(), nextToken, maxResults, organization));

    public Page<OrganizationsAccount> ListAccountsForParent(string parentId, string? nextToken, int? maxResults) =>
        ManagementRead((state, organization) =>
        {
            RequireParent(state, parentId);
            return Slice("ListAccountsForParent", state.Accounts.Where(a => a.ParentId == parentId).Select(a => ToAccount(state, a)).ToList(), nextToken, maxResults, organization);
        });

    public Page<OrganizationRoot> ListRoots(string? nextToken, int? maxResults) =>
        ManagementRead((state, organization) => Slice("ListRoots", new[] { new OrganizationRoot(state.RootId, RootArn(state), "Root") }, nextToken, maxResults, organization));

    public Page<OrganizationalUnit> ListOrganizationalUnitsForParent(string parentId, string? nextToken, int? maxResults) =>
        ManagementRead((state, organization) =>
        {
            RequireParent(state, parentId);
            return Slice("ListOrganizationalUnitsForParent", state.OrganizationalUnits.Where(u => u.ParentId == parentId).Select(u => ToUnit(state, u)).ToList(), nextToken, maxResults, organization);
        });

    public Page<OrganizationParent> ListParents(string childId, string? nextToken, int? maxResults) =>
        ManagementRead((state, organization) =>
        {
            Require("childId", childId, @"^(\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$");
            var parent = state.Accounts.FirstOrDefault(a => a.Id == childId)?.ParentId
                ?? state.OrganizationalUnits.FirstOrDefault(u => u.Id == childId)?.ParentId
                ?? throw new ServiceError("ChildNotFoundException", 400, "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
            return Slice("ListParents", new[] { new OrganizationParent(parent, parent == state.RootId ? "ROOT" : "ORGANIZATIONAL_UNIT") }, nextToken, maxResults, organization);
        });

    public OrganizationalUnit DescribeOrganizationalUnit(string organizationalUnitId) =>
        ManagementRead((state, _) =>
        {
            Require("organizationalUnitId", organizationalUnitId, "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$");
            var unit = state.OrganizationalUnits.FirstOrDefault(u => u.Id == organizationalUnitId)
                ?? throw new ServiceError("OrganizationalUnitNotFoundException", 400, "We can't find an organizational unit (OU) with the OrganizationalUnitId that you specified.");
            return ToUnit(state, unit);
        });

    private SimulatedOrganization Organization() =>
        _account.Organization ?? throw new ServiceError("AWSOrganizationsNotInUseException", 400, "Your account is not a member of an organization.");

    /// <summary>What only the management account may read (no delegated administrators in the sandbox).</summary>
    private T ManagementRead<T>(Func<OrganizationState, SimulatedOrganization, T> read)
    {
        var organization = Organization();
        if (organization.AccountId != _account.AccountId)
        {
            throw new ServiceError("AccessDeniedException", 400, "You don't have permissions to access this resource. (sandbox: only the organization's management account, " + organization.AccountId + ", may list it)");
        }

        return organization.Read(state => read(state, organization));
    }

    private static void RequireParent(OrganizationState state, string parentId)
    {
        Require("parentId", parentId, "^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$");
        if (parentId != state.RootId && !state.OrganizationalUnits.Any(u => u.Id == parentId))
        {
            throw new ServiceError("ParentNotFoundException", 400, "We can't find a root or OU with the ParentId that you specified.");
        }
    }

    private static void Require(string member, string? value, string pattern)
    {
        if (value is null || !System.Text.RegularExpressions.Regex.IsMatch(value, pattern))
        {
            throw new ServiceError("InvalidInputException", 400, $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
        }
    }

    /// <summary>One page: at most MaxResults (1 to 20) and the organization's page size; the token is the next offset, tied to the operation.</summary>
    private static Page<T> Slice<T>(string operation, IReadOnlyList<T> all, string? nextToken, int? maxResults, SimulatedOrganization organization)
    {
        if (maxResults is < 1 or > 20)
        {
            throw new ServiceError("InvalidInputException", 400, $"1 validation error detected: Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 20");
        }

        var offset = nextToken is null ? 0 : ReadToken(operation, nextToken);
        var size = Math.Min(maxResults ?? 20, organization.PageSize);
        var items = all.Skip(offset).Take(size).ToList();
        var end = offset + items.Count;
        return new Page<T>(items, end < all.Count ? WriteToken(operation, end) : null);
    }

    private static string WriteToken(string operation, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(operation + ":" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int ReadToken(string operation, string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 2 && parts[0] == operation && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Described below.
        }

        throw new ServiceError("InvalidInputException", 400, "You provided a value that does not match the required pattern. (INVALID_PAGINATION_TOKEN)");
    }

    private static OrganizationsAccount ToAccount(OrganizationState state, OrganizationAccountState account) => new()
    {
        Id = account.Id,
        Arn = AccountArn(state, account.Id),
        Name = account.Name,
        Email = account.Email,
        Status = account.Status,
        JoinedMethod = account.JoinedMethod,
        JoinedTimestamp = account.JoinedTimestamp,
    };

    private static OrganizationalUnit ToUnit(OrganizationState state, OrganizationalUnitState unit) =>
        new(unit.Id, $"arn:aws:organizations::{state.ManagementAccountId}:ou/{state.Id}/{unit.Id}", unit.Name);

    private static string AccountArn(OrganizationState state, string accountId) => $"arn:aws:organizations::{state.ManagementAccountId}:account/{state.Id}/{accountId}";

    private static string RootArn(OrganizationState state) => $"arn:aws:organizations::{state.ManagementAccountId}:root/{state.Id}/{state.RootId}";
}

/// <summary>One page of an Organizations listing and the token of the next (null on the last).</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);
