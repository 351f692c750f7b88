namespace IamOps.Simulator.State;

// An organization's structure, saved in its own state file; each account's IAM state lives in the account's file.
// Every instance is touched only under the organization's lock.

/// <summary>The organization: its accounts (management first), organizational units, SCPs and where they are attached.</summary>
internal sealed class OrganizationState
{
    /// <summary>o- followed by 10 lowercase letters or digits.</summary>
    public string Id { get; set; } = string.Empty;

    public string ManagementAccountId { get; set; } = string.Empty;

    /// <summary>r- followed by 4 lowercase letters or digits.</summary>
    public string RootId { get; set; } = string.Empty;

    public List<OrganizationAccountState> Accounts { get; set; } = new();

    public List<OrganizationalUnitState> OrganizationalUnits { get; set; } = new();

    /// <summary>Service control policies by id (p-…; p-FullAWSAccess is AWS's own).</summary>
    public Dictionary<string, ServiceControlPolicyState> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Policy ids attached to each target: the root, an OU or an account, by id.</summary>
    public Dictionary<string, List<string>> Attachments { get; set; } = new(StringComparer.Ordinal);

    public DateTime Created { get; set; }
}

internal sealed class OrganizationAccountState
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    /// <summary>ACTIVE, SUSPENDED or PENDING_CLOSURE.</summary>
    public string Status { get; set; } = "ACTIVE";

    /// <summary>INVITED or CREATED.</summary>
    public string JoinedMethod { get; set; } = "CREATED";

    public DateTime JoinedTimestamp { get; set; }

    /// <summary>The root or the OU the account sits in.</summary>
    public string ParentId { get; set; } = string.Empty;
}

internal sealed class OrganizationalUnitState
{
    /// <summary>ou- followed by the root's 4 characters, a dash and 8 more.</summary>
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string ParentId { get; set; } = string.Empty;
}

internal sealed class ServiceControlPolicyState
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Content { get; set; } = string.Empty;

    public bool AwsManaged { get; set; }
}
