using System.Text.RegularExpressions;
using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

internal sealed partial class IamService
{
    private static readonly Regex VersionIdPattern = new(@"^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$", RegexOptions.CultureInvariant);

    public ManagedPolicy CreatePolicy(CreatePolicyRequest request)
    {
        IamNameRules.CheckName("policyName", request.PolicyName, IamQuotas.OtherNameLength);
        var path = IamNameRules.CheckPolicyPath(request.Path);
        IamNameRules.CheckDescription(request.Description);
        IamNameRules.CheckTags(request.Tags);
        CheckDocument("policyDocument", request.PolicyDocument, PolicyKind.Identity, IamQuotas.PolicySize, $"Cannot exceed quota for PolicySize: {IamQuotas.PolicySize}");
        if (State.Policies.Values.Any(p => string.Equals(p.Name, request.PolicyName, StringComparison.OrdinalIgnoreCase)))
        {
            throw ServiceError.AlreadyExists($"A policy called {request.PolicyName} already exists. Duplicate names are not allowed.");
        }

        if (State.Policies.Count >= State.Quotas.Policies)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for PoliciesPerAccount: {State.Quotas.Policies}");
        }

        var now = Now;
        var policy = new PolicyState
        {
            Name = request.PolicyName,
            Id = SecretGenerator.UniqueId("ANPA"),
            Arn = $"arn:aws:iam::{AccountId}:policy{path}{request.PolicyName}",
            Path = path,
            Description = request.Description,
            CreateDate = now,
            UpdateDate = now,
            Tags = ToState(request.Tags),
            Versions = { new PolicyVersionState { VersionId = "v1", Document = request.PolicyDocument, CreateDate = now } },
        };
        State.Policies[policy.Arn] = policy;
        return ToPolicy(policy);
    }

    public ManagedPolicy GetPolicy(string policyArn) => ToPolicy(FindPolicy(policyArn));

    public IReadOnlyList<ManagedPolicy> ListPolicies(string scope, bool onlyAttached, string? pathPrefix)
    {
        IEnumerable<PolicyState> policies = scope switch
        {
            "AWS" => ManagedPolicyCatalog.All,
            "Local" => State.Policies.Values,
            _ => ManagedPolicyCatalog.All.Concat(State.Policies.Values),
        };
        return policies.Where(p => UnderPath(p.Path, pathPrefix)).Select(ToPolicy).Where(p => !onlyAttached || p.AttachmentCount > 0)
            .OrderBy(p => p.PolicyName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public PolicyVersion GetPolicyVersion(string policyArn, string versionId)
    {
        var policy = FindPolicy(policyArn);
        return ToVersion(policy, FindVersion(policy, versionId), withDocument: true);
    }

    public PolicyVersion CreatePolicyVersion(string policyArn, string policyDocument, bool setAsDefault)
    {
        var policy = FindCustomerPolicy(policyArn, "iam:CreatePolicyVersion");
        CheckDocument("policyDocument", policyDocument, PolicyKind.Identity, IamQuotas.PolicySize, $"Cannot exceed quota for PolicySize: {IamQuotas.PolicySize}");
        if (policy.Versions.Count >= IamQuotas.VersionsPerPolicy)
        {
            throw ServiceError.LimitExceeded($"A managed policy can have up to {IamQuotas.VersionsPerPolicy} versions. Before you create a new version, you must delete an existing version.");
        }

        var version = new PolicyVersionState { VersionId = "v" + policy.NextVersion++, Document = policyDocument, CreateDate = Now };
        policy.Versions.Add(version);
        policy.UpdateDate = version.CreateDate;
        if (setAsDefault)
        {
            policy.DefaultVersionId = version.VersionId;
        }

        return ToVersion(policy, version, withDocument: true);
    }

    public IReadOnlyList<PolicyVersion> ListPolicyVersions(string policyArn)
    {
        var policy = FindPolicy(policyArn);
        return policy.Versions.AsEnumerable().Reverse().Select(v => ToVersion(policy, v, withDocument: false)).ToList();
    }

    public void DeletePolicyVersion(string policyArn, string versionId)
    {
        var policy = FindCustomerPolicy(policyArn, "iam:DeletePolicyVersion");
        var version = FindVersion(policy, versionId);
        if (version.VersionId == policy.DefaultVersionId)
        {
            throw ServiceError.DeleteConflict("Cannot delete the default version of a policy.");
        }

        policy.Versions.Remove(version);
    }

    public void SetDefaultPolicyVersion(string policyArn, string versionId)
    {
        var policy = FindCustomerPolicy(policyArn, "iam:SetDefaultPolicyVersion");
        policy.DefaultVersionId = FindVersion(policy, versionId).VersionId;
        policy.UpdateDate = Now;
    }

    public void DeletePolicy(string policyArn)
    {
        var policy = FindCustomerPolicy(policyArn, "iam:DeletePolicy");
        if (policy.AttachmentCount > 0 || policy.PermissionsBoundaryUsageCount > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete a policy attached to entities.");
        }

        if (policy.Versions.Count > 1)
        {
            throw ServiceError.DeleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
        }

        State.Policies.Remove(policy.Arn);
    }

    public void AttachPolicy(IdentityKind kind, string identityName, string policyArn)
    {
        var identity = FindIdentity(kind, identityName);
        var policy = FindPolicy(policyArn, attaching: true);
        if (identity.Attached.Contains(policy.Arn, StringComparer.Ordinal))
        {
            return;
        }

        if (identity.Attached.Count >= identity.AttachLimit)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for PoliciesPer{identity.Word}: {identity.AttachLimit}");
        }

        identity.Attached.Add(policy.Arn);
        CountAttachment(policy, +1);
    }

    public void DetachPolicy(IdentityKind kind, string identityName, string policyArn)
    {
        var identity = FindIdentity(kind, identityName);
        var policy = FindPolicy(policyArn);
        if (!identity.Attached.Remove(policy.Arn))
        {
            throw ServiceError.NoSuchEntity($"Policy {policy.Arn} was not found.");
        }

        CountAttachment(policy, -1);
    }

    public IReadOnlyList<AttachedPolicy> ListAttachedPolicies(IdentityKind kind, string identityName) =>
        FindIdentity(kind, identityName).Attached.Select(arn => new AttachedPolicy(FindPolicy(arn).Name, arn)).ToList();

    public void PutInlinePolicy(IdentityKind kind, string identityName, string policyName, string policyDocument)
    {
        var identity = FindIdentity(kind, identityName);
        IamNameRules.CheckName("policyName", policyName, IamQuotas.OtherNameLength);
        PolicyDocumentLimits.CheckCharacters("policyDocument", policyDocument);
        PolicyGrammar.Check(policyDocument, PolicyKind.Identity);
        var total = PolicyDocumentLimits.CountedSize(policyDocument)
            + identity.Inline.Where(p => p.Key != policyName).Sum(p => PolicyDocumentLimits.CountedSize(p.Value));
        if (total > identity.InlineLimit)
        {
            throw ServiceError.LimitExceeded($"Maximum policy size of {identity.InlineLimit} bytes exceeded for {identity.Word.ToLowerInvariant()} {identity.Name}");
        }

        identity.Inline[policyName] = policyDocument;
    }

    public InlinePolicy GetInlinePolicy(IdentityKind kind, string identityName, string policyName)
    {
        var identity = FindIdentity(kind, identityName);
        return identity.Inline.TryGetValue(policyName, out var document)
            ? new InlinePolicy { IdentityKind = kind, IdentityName = identity.Name, PolicyName = policyName, PolicyDocument = document }
            : throw ServiceError.NoSuchEntity($"The {identity.Word.ToLowerInvariant()} policy with name {policyName} cannot be found.");
    }

    public void DeleteInlinePolicy(IdentityKind kind, string identityName, string policyName)
    {
        var identity = FindIdentity(kind, identityName);
        if (!identity.Inline.Remove(policyName))
        {
            throw ServiceError.NoSuchEntity($"The {identity.Word.ToLowerInvariant()} policy with name {policyName} cannot be found.");
        }
    }

    public IReadOnlyList<string> ListInlinePolicyNames(IdentityKind kind, string identityName) =>
        FindIdentity(kind, identityName).Inline.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    /// <summary>The default version's document of an AWS or customer managed policy; null when there is no such policy.</summary>
    public string? DefaultPolicyDocument(string arn)
    {
        var policy = ManagedPolicyCatalog.Find(arn) ?? (State.Policies.TryGetValue(arn, out var customer) ? customer : null);
        return policy?.Versions.FirstOrDefault(v => v.VersionId == policy.DefaultVersionId)?.Document;
    }

    /// <summary>IAM deletes a user, group or role only once nothing is attached to or embedded in it.</summary>
    private static void CheckNoPolicies(List<string> attached, Dictionary<string, string> inline)
    {
        if (attached.Count > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must detach all policies first.");
        }

        if (inline.Count > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must delete policies first.");
        }
    }

    /// <summary>The character set, grammar and counted size of a document, each failing as IAM fails it.</summary>
    private void CheckDocument(string member, string? document, PolicyKind kind, int sizeLimit, string sizeMessage)
    {
        PolicyDocumentLimits.CheckCharacters(member, document);
        PolicyGrammar.Check(document!, kind, kind == PolicyKind.Trust ? PrincipalExists : null);
        if (PolicyDocumentLimits.CountedSize(document!) > sizeLimit)
        {
            throw ServiceError.LimitExceeded(sizeMessage);
        }
    }

    /// <summary>Whether a same-account user or role ARN in a trust policy names an existing principal.</summary>
    private bool PrincipalExists(string arn)
    {
        var parts = arn.Split(new[] { ':' }, 6);
        if (parts[4] != AccountId)
        {
            return true;
        }

        var resource = parts[5];
        var name = resource.Substring(resource.LastIndexOf('/') + 1);
        return parts[2] == "sts"
            || (resource.StartsWith("user/", StringComparison.Ordinal) && State.Users.TryGetValue(name, out var user) && arn.EndsWith("user" + user.Path + user.Name, StringComparison.Ordinal))
            || (resource.StartsWith("role/", StringComparison.Ordinal) && State.Roles.TryGetValue(name, out var role) && arn.EndsWith("role" + role.Path + role.Name, StringComparison.Ordinal));
    }

    private PolicyState FindPolicy(string? policyArn, bool attaching = false)
    {
        CheckPolicyArn(policyArn);
        if (ManagedPolicyCatalog.Find(policyArn!) is { } aws)
        {
            return aws;
        }

        return State.Policies.TryGetValue(policyArn!, out var policy)
            ? policy
            : throw ServiceError.NoSuchEntity(attaching ? $"Policy {policyArn} does not exist or is not attachable." : $"Policy {policyArn} was not found.");
    }

    private PolicyState FindCustomerPolicy(string? policyArn, string action)
    {
        var policy = FindPolicy(policyArn);
        return ManagedPolicyCatalog.Find(policy.Arn) is null
            ? policy
            : throw ServiceError.AccessDenied($"You are not authorized to perform: {action} on resource: policy {policy.Arn} because it is an AWS managed policy.");
    }

    private static PolicyVersionState FindVersion(PolicyState policy, string? versionId)
    {
        if (versionId is null)
        {
            throw ServiceError.Missing("versionId");
        }

        if (!VersionIdPattern.IsMatch(versionId))
        {
            throw ServiceError.Constraint("versionId", versionId, @"Member must satisfy regular expression pattern: v[1-9][0-9]*(\.[A-Za-z0-9-]*)?");
        }

        return policy.Versions.FirstOrDefault(v => v.VersionId == versionId)
            ?? throw ServiceError.NoSuchEntity($"Policy {policy.Arn} version {versionId} does not exist or is not deletable.");
    }

    private static void CheckPolicyArn(string? policyArn)
    {
        if (policyArn is null)
        {
            throw ServiceError.Missing("policyArn");
        }

        IamNameRules.CheckLength("policyArn", policyArn, 20, 2048);
        if (!policyArn.StartsWith("arn:", StringComparison.Ordinal) || policyArn.Split(':').Length < 6)
        {
            throw ServiceError.InvalidInput($"ARN {policyArn} is not valid.");
        }
    }

    private void CheckBoundary(string? boundaryArn)
    {
        if (boundaryArn is null)
        {
            return;
        }

        CheckPolicyArn(boundaryArn);
        if (ManagedPolicyCatalog.Find(boundaryArn) is null && !State.Policies.ContainsKey(boundaryArn))
        {
            throw ServiceError.NoSuchEntity($"Scope ARN: {boundaryArn} does not exist or is not attachable.");
        }
    }

    private void CountBoundary(string? boundaryArn, int delta)
    {
        if (boundaryArn is not null && State.Policies.TryGetValue(boundaryArn, out var policy))
        {
            policy.PermissionsBoundaryUsageCount += delta;
        }
    }

    private void CountAttachment(PolicyState policy, int delta)
    {
        if (ManagedPolicyCatalog.Find(policy.Arn) is null)
        {
            policy.AttachmentCount += delta;
            return;
        }

        State.AwsPolicyAttachments.TryGetValue(policy.Arn, out var count);
        State.AwsPolicyAttachments[policy.Arn] = count + delta;
    }

    private IdentityPolicies FindIdentity(IdentityKind kind, string? name) => kind switch
    {
        IdentityKind.User => FindUser(name) is var u
            ? new IdentityPolicies(u.Name, "User", u.AttachedPolicyArns, u.InlinePolicies, State.Quotas.ManagedPoliciesPerUser, IamQuotas.UserPolicySize)
            : default!,
        IdentityKind.Group => FindGroup(name) is var g
            ? new IdentityPolicies(g.Name, "Group", g.AttachedPolicyArns, g.InlinePolicies, IamQuotas.AttachedPoliciesPerGroup, IamQuotas.GroupPolicySize)
            : default!,
        _ => FindRole(name) is var r
            ? new IdentityPolicies(r.Name, "Role", r.AttachedPolicyArns, r.InlinePolicies, State.Quotas.ManagedPoliciesPerRole, IamQuotas.RolePolicySize)
            : default!,
    };

    /// <summary>What users, groups and roles share: attached ARNs, inline documents and their limits.</summary>
    private sealed record IdentityPolicies(string Name, string Word, List<string> Attached, Dictionary<string, string> Inline, int AttachLimit, int InlineLimit);
}
