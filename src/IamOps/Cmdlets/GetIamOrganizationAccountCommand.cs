using System.Management.Automation;
using IamOps.Organizations;

namespace IamOps.Cmdlets;

/// <summary>The organization's accounts through AWS Organizations (from the management account): all of them, or those under a root or OU.</summary>
[Cmdlet(VerbsCommon.Get, "IamOrganizationAccount")]
[OutputType(typeof(OrganizationAccount))]
public sealed class GetIamOrganizationAccountCommand : IamOpsCmdlet
{
    /// <summary>A root (r-…) or OU (ou-…-…) id: only the accounts directly under it (with -Recurse, under its OUs too).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ParentId { get; set; }

    /// <summary>With -ParentId: the accounts of every OU below it as well.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Only accounts in these statuses; ACTIVE by default.</summary>
    [Parameter]
    [ValidateSet("ACTIVE", "SUSPENDED", "PENDING_CLOSURE")]
    public string[] Status { get; set; } = { "ACTIVE" };

    protected override void ProcessRecord()
    {
        var request = new OrganizationAccountRequest
        {
            ParentId = string.IsNullOrWhiteSpace(ParentId) ? null : ParentId!.Trim(),
            Recurse = Recurse,
            Statuses = Status.Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray(),
        };
        try
        {
            request.Check();
            // The connection is resolved here, on the pipeline thread (it may write verbose output), not inside the wait.
            var listing = new OrganizationAccountListing(Connection.Organizations);
            var accounts = Await(token => listing.ListAsync(request, token));
            WriteVerbose($"{accounts.Count} account(s) in status {string.Join(", ", request.Statuses)}{(request.ParentId is null ? string.Empty : " under " + request.ParentId)}.");
            WriteObject(accounts, enumerateCollection: true);
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure, request.ParentId);
        }
    }
}
