using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Policies;
using IamOps.Principals;
using IamOps.Roles;

namespace IamOps.BucketAccess;

/// <summary>
/// Plans one grant from live state: the role and its trust when asked, a bucket check, and the bucket's policy on the
/// principal with this prefix's statements in place; nothing when all of it is already so.
/// </summary>
public sealed class BucketGrantPlanner
{
    private readonly IAwsConnection _aws;
    private readonly AccountContext _account;
    private readonly PrincipalLookup _reader;

    public BucketGrantPlanner(IAwsConnection aws, AccountContext account)
    {
        _aws = aws;
        _account = account;
        _reader = new PrincipalLookup(aws, account);
    }

    /// <summary>Offline checks of a request: names, prefix, key ARN, combinations. Throws before anything is read or written.</summary>
    public static void Validate(BucketGrantRequest request)
    {
        request.Principal.Check();
        var grant = request.Grant;
        S3BucketNames.Check(grant.BucketName);
        ObjectPrefix.CheckNormalized(grant.Prefix);

        if (grant.KmsKeyArn is not null)
        {
            KmsKeyArns.Check(grant.KmsKeyArn);
        }

        if (grant.Access == BucketAccessLevel.List && (grant.AllowDelete || grant.KmsKeyArn is not null))
        {
            throw new IamOpsException("ListAccessWithObjectOptions", FailureKind.InvalidArgument,
                "-Access List grants no object access, so -AllowDelete and -KmsKeyArn do not apply; use -Access Read, Write or ReadWrite.", grant.BucketName);
        }

        if (request.TrustServices.Count > 0)
        {
            if (request.Principal.Kind != IdentityKind.Role)
            {
                throw new IamOpsException("TrustServiceWithoutRole", FailureKind.InvalidArgument, "-TrustService applies to roles; use it with -RoleName.", request.Principal.Name);
            }

            RoleTrustPlanner.Validate(RoleTrust(request));
        }
    }

    public async Task<BucketGrantPlan> PlanAsync(BucketGrantRequest request, CancellationToken cancellationToken)
    {
        var grant = request.Grant;
        if (grant.KmsKeyArn is not null && KmsKeyArns.Partition(grant.KmsKeyArn) != _account.Partition)
        {
            throw new IamOpsException("KmsKeyPartitionMismatch", FailureKind.InvalidArgument,
                $"The key '{grant.KmsKeyArn}' is in partition {KmsKeyArns.Partition(grant.KmsKeyArn)}, but account {_account.AccountId} is in {_account.Partition}.", grant.KmsKeyArn);
        }

        var changes = new List<PlannedChange>();
        RoleTrustPlan? role = null;
        string principalArn;
        if (request.TrustServices.Count > 0)
        {
            role = await new RoleTrustPlanner(_aws, _account).PlanAsync(RoleTrust(request), cancellationToken).ConfigureAwait(false);
            changes.AddRange(role.Changes);
            principalArn = role.RoleArn;
        }
        else
        {
            principalArn = await _reader.PrincipalArnAsync(request.Principal, MissingTargetHint(request.Principal), cancellationToken).ConfigureAwait(false);
        }

        var warnings = await CheckBucketAsync(request, cancellationToken).ConfigureAwait(false);
        var principalExists = role is null || role.RoleExists;
        return request.AsManagedPolicy
            ? await PlanManagedAsync(request, principalArn, principalExists, role, changes, warnings, cancellationToken).ConfigureAwait(false)
            : await PlanInlineAsync(request, principalArn, principalExists, role, changes, warnings, cancellationToken).ConfigureAwait(false);
    }

    internal static RoleTrustRequest RoleTrust(BucketGrantRequest request) => new()
    {
        RoleName = request.Principal.Name,
        Principals = request.TrustServices,
        Description = "IamOps: service role for " + string.Join(", ", request.TrustServices),
    };

    private static string MissingTargetHint(PrincipalTarget principal) => principal.Kind switch
    {
        IdentityKind.User => $"create it first (e.g. Add-IamDeveloper -UserName {principal.Name}) or check the name.",
        IdentityKind.Group => "create it first or check the name.",
        _ => "add -TrustService (e.g. -TrustService ec2.amazonaws.com) to create it as a service role, or check the name.",
    };

    private async Task<BucketGrantPlan> PlanInlineAsync(BucketGrantRequest request, string principalArn, bool principalExists, RoleTrustPlan? role, List<PlannedChange> changes, List<string> warnings, CancellationToken cancellationToken)
    {
        var principal = request.Principal;
        var policyName = BucketGrantPolicy.InlinePolicyName(request.Grant.BucketName);
        var existing = principalExists ? await _reader.InlineDocumentAsync(principal, policyName, cancellationToken).ConfigureAwait(false) : null;
        var document = BucketGrantPolicy.Merge(existing, _account.Partition, request.Grant, $"inline policy {policyName} of {principal}");
        if (!PolicyText.SameDocument(existing, document))
        {
            await CheckInlineSizeAsync(principal, policyName, document, principalExists, cancellationToken).ConfigureAwait(false);
            changes.Add(new PlannedChange(existing is null ? ChangeKind.Create : ChangeKind.Update, principal.ToString(),
                $"{(existing is null ? "Add" : "Update")} inline policy {policyName} ({Describe(request.Grant)}) on",
                existing is null ? "the principal has no IamOps grant on this bucket" : "its statements for this bucket differ",
                ct => _aws.Iam.PutInlinePolicyAsync(principal.Kind, principal.Name, policyName, document, ct)));
        }

        return new BucketGrantPlan(request, principalArn, GrantPolicyType.Inline, policyName, null, document, existing is not null, role, changes, warnings);
    }

    private async Task<BucketGrantPlan> PlanManagedAsync(BucketGrantRequest request, string principalArn, bool principalExists, RoleTrustPlan? role, List<PlannedChange> changes, List<string> warnings, CancellationToken cancellationToken)
    {
        var principal = request.Principal;
        var bucket = request.Grant.BucketName;
        var policyName = BucketGrantPolicy.ManagedPolicyName(bucket, principal);
        var policyArn = BucketGrantPolicy.ManagedPolicyArn(_account, bucket, principal);
        var target = "policy " + policyName;
        var (policy, existing) = await _reader.ManagedAsync(policyArn, cancellationToken).ConfigureAwait(false);
        var document = BucketGrantPolicy.Merge(existing, _account.Partition, request.Grant, $"managed policy {policyName}");
        if (!PolicyText.SameDocument(existing, document))
        {
            CheckManagedSize(policyName, document);
            changes.Add(policy is null
                ? new PlannedChange(ChangeKind.Create, target, $"Create managed policy ({Describe(request.Grant)}):", "it does not exist",
                    ct => IamLookup.CreateOrKeepAsync(() => _aws.Iam.CreatePolicyAsync(new CreatePolicyRequest
                    {
                        PolicyName = policyName,
                        Path = BucketGrantPolicy.ManagedPolicyPath,
                        PolicyDocument = document,
                        Description = $"IamOps: S3 access to bucket {bucket} for {principal}.",
                    }, ct)))
                : new PlannedChange(ChangeKind.Update, target, $"Create new default version ({Describe(request.Grant)}) of", "its statements for this bucket differ",
                    ct => ManagedPolicyVersions.ReplaceDefaultAsync(_aws.Iam, policyArn, document, ct)));
        }

        if (!principalExists || !await _reader.IsAttachedAsync(principal, policyArn, cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new PlannedChange(ChangeKind.Attach, principal.ToString(), $"Attach managed policy {policyName} to", "it is not attached",
                ct => _aws.Iam.AttachPolicyAsync(principal.Kind, principal.Name, policyArn, ct)));
        }

        return new BucketGrantPlan(request, principalArn, GrantPolicyType.Managed, policyName, policyArn, document, policy is not null, role, changes, warnings);
    }

    /// <summary>IAM counts all inline policies of a principal together; failing here names the fix instead of IAM's LimitExceeded.</summary>
    private async Task CheckInlineSizeAsync(PrincipalTarget principal, string policyName, string document, bool principalExists, CancellationToken cancellationToken)
    {
        var total = PolicySize.Count(document);
        if (principalExists)
        {
            var names = await IamLookup.ToListAsync(_aws.Iam.ListInlinePolicyNamesAsync(principal.Kind, principal.Name, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var other in names.Where(n => !string.Equals(n, policyName, StringComparison.Ordinal)))
            {
                var text = await _reader.InlineDocumentAsync(principal, other, cancellationToken).ConfigureAwait(false);
                total += text is null ? 0 : PolicySize.Count(text);
            }
        }

        var limit = PolicySize.InlineLimit(principal.Kind);
        if (total > limit)
        {
            throw new IamOpsException("InlinePolicySizeExceeded", FailureKind.LimitsExceeded,
                $"The inline policies of {principal} would total {total} characters (whitespace not counted), over IAM's limit of {limit} for a {principal.Kind.ToString().ToLowerInvariant()}. Run again with -AsManagedPolicy to put this grant in a customer managed policy (up to {PolicySize.ManagedLimit} characters) instead.",
                principal.Name);
        }
    }

    private static void CheckManagedSize(string policyName, string document)
    {
        var size = PolicySize.Count(document);
        if (size > PolicySize.ManagedLimit)
        {
            throw new IamOpsException("ManagedPolicySizeExceeded", FailureKind.LimitsExceeded,
                $"Managed policy {policyName} would be {size} characters (whitespace not counted), over IAM's limit of {PolicySize.ManagedLimit}. Revoke prefixes you no longer need from this bucket, or grant a shorter common prefix.", policyName);
        }
    }

    /// <summary>A missing or foreign bucket is a warning (a grant may come before its bucket), or with -Strict an error.</summary>
    private async Task<List<string>> CheckBucketAsync(BucketGrantRequest request, CancellationToken cancellationToken)
    {
        var grant = request.Grant;
        var bucket = grant.BucketName;
        string errorId;
        FailureKind kind;
        string problem;
        try
        {
            var location = await _aws.S3.HeadBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
            var warnings = new List<string>();
            if (grant.KmsKeyArn is not null && !string.Equals(KmsKeyArns.Region(grant.KmsKeyArn), location.Region, StringComparison.Ordinal))
            {
                warnings.Add($"The KMS key is in {KmsKeyArns.Region(grant.KmsKeyArn)} but bucket '{bucket}' is in {location.Region}; S3 encrypts only with keys in the bucket's region.");
            }

            return warnings;
        }
        catch (IamOpsException missing) when (missing.Kind == FailureKind.ObjectNotFound || missing.AwsErrorCode is "NoSuchBucket" or "NotFound")
        {
            (errorId, kind, problem) = ("BucketNotFound", FailureKind.ObjectNotFound, $"Bucket '{bucket}' does not exist (or not yet); the grant takes effect once it does.");
        }
        catch (IamOpsException denied) when (denied.Kind == FailureKind.PermissionDenied || denied.AwsErrorCode is "AccessDenied" or "Forbidden")
        {
            (errorId, kind, problem) = ("BucketNotAccessible", FailureKind.PermissionDenied,
                $"Bucket '{bucket}' belongs to another account, or these credentials may not read it (s3:ListBucket); a grant on another account's bucket also needs that bucket's policy to allow {request.Principal}.");
        }

        if (request.Strict)
        {
            throw new IamOpsException(errorId, kind, problem + " -Strict makes this an error; create the bucket first or drop -Strict.", bucket);
        }

        return new List<string> { problem };
    }

    private static string Describe(BucketGrant grant) =>
        $"{grant.Access} on s3://{grant.BucketName}/{grant.Prefix}" + (grant.AllowDelete ? " with delete" : string.Empty) + (grant.KmsKeyArn is null ? string.Empty : " with KMS");
}
