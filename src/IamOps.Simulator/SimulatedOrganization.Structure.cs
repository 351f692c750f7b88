using System.Text.RegularExpressions;
using IamOps.Policy;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

// The organization's tree (root, OUs, accounts) and its service control policies: the sandbox's setup, outside the API.
public sealed partial class SimulatedOrganization
{
    /// <summary>AWS's own SCP, attached to the root, each OU and each account when SCPs are enabled.</summary>
    public const string FullAwsAccessPolicyId = "p-FullAWSAccess";

    /// <summary>How deep OUs nest under the root (AWS's quota).</summary>
    public const int MaxOrganizationalUnitDepth = 5;

    /// <summary>How many SCPs one root, OU or account may have attached (AWS's quota).</summary>
    public const int MaxPoliciesPerTarget = 5;

    private const string FullAwsAccessDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /// <summary>
    /// Creates an organizational unit under <paramref name="parentId"/> (the root or an OU) with FullAWSAccess attached,
    /// as AWS does, and returns its id (ou-…).
    /// </summary>
    public string NewOrganizationalUnit(string parentId, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            throw Invalid("OrganizationalUnitNameInvalid", $"An OU name is 1 to 128 characters; '{name}' is not.", name);
        }

        return Change(state =>
        {
            RequireParent(state, parentId);
            if (Depth(state, parentId) >= MaxOrganizationalUnitDepth)
            {
                throw Invalid("OrganizationalUnitTooDeep", $"OUs nest at most {MaxOrganizationalUnitDepth} levels under the root; {parentId} is already that deep.", parentId);
            }

            if (state.OrganizationalUnits.Any(u => u.ParentId == parentId && string.Equals(u.Name, name, StringComparison.Ordinal)))
            {
                throw new IamOpsException("OrganizationalUnitExists", FailureKind.ResourceExists, $"{parentId} already holds an OU named '{name}' (DuplicateOrganizationalUnitException).", name);
            }

            var id = "ou-" + state.RootId.Substring(2) + "-" + SecretGenerator.OrganizationsId(string.Empty, 8);
            state.OrganizationalUnits.Add(new OrganizationalUnitState { Id = id, Name = name, ParentId = parentId });
            state.Attachments[id] = new List<string> { FullAwsAccessPolicyId };
            return id;
        });
    }

    /// <summary>Moves an account (the management account too) under the root or an OU.</summary>
    public void MoveAccount(string accountId, string destinationParentId) => Change(state =>
    {
        var account = RequireAccount(state, accountId);
        RequireParent(state, destinationParentId);
        account.ParentId = destinationParentId;
        return true;
    });

    /// <summary>
    /// Creates a service control policy from <paramref name="policyDocument"/> (checked by the policy engine as an SCP:
    /// grammar, 5,120 characters) and attaches it to <paramref name="targetId"/>: the root, an OU or an account. Returns
    /// the policy's id (p-…).
    /// </summary>
    public string AttachServiceControlPolicy(string targetId, string policyDocument, string? name = null)
    {
        var errors = PolicyValidator.Validate(policyDocument ?? string.Empty, new PolicyValidationOptions { PolicyType = PolicyType.ServiceControl })
            .Where(f => f.Severity == FindingSeverity.Error)
            .ToList();
        if (errors.Count > 0)
        {
            throw Invalid("ServiceControlPolicyInvalid", "The service control policy was refused (MalformedPolicyDocumentException): " + string.Join(" ", errors.Select(e => e.Message)), targetId);
        }

        return Change(state =>
        {
            RequireTarget(state, targetId);
            var attached = state.Attachments.TryGetValue(targetId, out var list) ? list : state.Attachments[targetId] = new List<string>();
            if (attached.Count >= MaxPoliciesPerTarget)
            {
                throw new IamOpsException("ServiceControlPolicyLimitExceeded", FailureKind.LimitsExceeded, $"{targetId} already has {MaxPoliciesPerTarget} SCPs attached, the most AWS allows (ConstraintViolationException). Detach one first.", targetId);
            }

            var id = "p-" + SecretGenerator.OrganizationsId(string.Empty, 8);
            state.Policies[id] = new ServiceControlPolicyState { Id = id, Name = name ?? id, Content = policyDocument! };
            attached.Add(id);
            return id;
        });
    }

    /// <summary>Detaches an SCP (FullAWSAccess included) from the root, an OU or an account.</summary>
    public void DetachServiceControlPolicy(string targetId, string policyId) => Change(state =>
    {
        RequireTarget(state, targetId);
        if (!state.Attachments.TryGetValue(targetId, out var attached) || !attached.Remove(policyId))
        {
            throw new IamOpsException("ServiceControlPolicyNotAttached", FailureKind.ObjectNotFound, $"The SCP {policyId} is not attached to {targetId} (PolicyNotAttachedException).", policyId);
        }

        return true;
    });

    /// <summary>Sets an account's status as Organizations reports it: ACTIVE, SUSPENDED or PENDING_CLOSURE.</summary>
    public void SetAccountStatus(string accountId, string status)
    {
        var known = new[] { "ACTIVE", "SUSPENDED", "PENDING_CLOSURE" };
        var normalized = known.FirstOrDefault(k => string.Equals(k, status, StringComparison.OrdinalIgnoreCase))
            ?? throw Invalid("AccountStatusInvalid", $"An account status is one of {string.Join(", ", known)}; '{status}' is not.", status);
        Change(state => RequireAccount(state, accountId).Status = normalized);
    }

    /// <summary>The SCPs of <paramref name="accountId"/>'s levels, root first and the account last; none for the management account.</summary>
    internal IReadOnlyList<IReadOnlyList<CompiledPolicy>> ServiceControlLevels(string accountId) => Read<IReadOnlyList<IReadOnlyList<CompiledPolicy>>>(state =>
    {
        if (accountId == state.ManagementAccountId)
        {
            return Array.Empty<IReadOnlyList<CompiledPolicy>>();
        }

        var levels = new List<IReadOnlyList<CompiledPolicy>>();
        for (var target = accountId; target is not null; target = ParentOf(state, target))
        {
            var policies = state.Attachments.TryGetValue(target, out var attached) ? attached : new List<string>();
            levels.Add(policies.Where(state.Policies.ContainsKey).Select(id => PrincipalAuthorizer.Compile(state.Policies[id].Content, id)).ToList());
        }

        levels.Reverse();
        return levels;
    });

    private static string? ParentOf(OrganizationState state, string id)
    {
        if (id == state.RootId)
        {
            return null;
        }

        return state.Accounts.FirstOrDefault(a => a.Id == id)?.ParentId ?? state.OrganizationalUnits.FirstOrDefault(u => u.Id == id)?.ParentId;
    }

    private static int Depth(OrganizationState state, string parentId)
    {
        var depth = 0;
        for (var id = parentId; id != state.RootId && id is not null; id = ParentOf(state, id))
        {
            depth++;
        }

        return depth;
    }

    private static OrganizationAccountState RequireAccount(OrganizationState state, string accountId) =>
        state.Accounts.FirstOrDefault(a => a.Id == accountId)
        ?? throw new IamOpsException("SandboxAccountNotFound", FailureKind.ObjectNotFound, $"The sandbox organization {state.Id} has no account {accountId} (AccountNotFoundException).", accountId);

    private static void RequireParent(OrganizationState state, string parentId)
    {
        if (parentId != state.RootId && !state.OrganizationalUnits.Any(u => u.Id == parentId))
        {
            throw new IamOpsException("ParentNotFound", FailureKind.ObjectNotFound, $"The sandbox organization {state.Id} has no root or OU {parentId} (ParentNotFoundException). Its root is {state.RootId}.", parentId);
        }
    }

    private static void RequireTarget(OrganizationState state, string targetId)
    {
        if (targetId != state.RootId && !state.OrganizationalUnits.Any(u => u.Id == targetId) && !state.Accounts.Any(a => a.Id == targetId))
        {
            throw new IamOpsException("TargetNotFound", FailureKind.ObjectNotFound, $"The sandbox organization {state.Id} has no root, OU or account {targetId} (TargetNotFoundException).", targetId);
        }
    }

    private static IamOpsException Invalid(string id, string message, string? target) => new(id, FailureKind.InvalidArgument, message, target);

    /// <summary>Reads the newest structure (another process may have changed the state file).</summary>
    internal T Read<T>(Func<OrganizationState, T> read)
    {
        lock (Gate)
        {
            ReloadWhenChangedElsewhere();
            return read(State);
        }
    }

    /// <summary>Changes the newest structure under the state file's lock, and saves it.</summary>
    private T Change<T>(Func<OrganizationState, T> change)
    {
        lock (Gate)
        {
            using var held = _stateFile?.Lock();
            ReloadWhenChangedElsewhere();
            var result = change(State);
            _stateFile?.Save(path => OrganizationStateFile.Write(path, State));
            return result;
        }
    }

    internal static bool IsOrganizationalUnitId(string id) => Regex.IsMatch(id ?? string.Empty, "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$");
}
