using IamOps.Policy;

namespace IamOps.Tests.Policy;

/// <summary>
/// One test per rule of AWS's policy evaluation logic, each quoting the documentation statement it encodes. Pages:
/// "How AWS enforcement code logic evaluates requests to allow or deny access" (reference_policies_evaluation-logic_policy-eval-denyallow),
/// "Policy evaluation for requests within a single account" (..._policy-eval-basics), "Cross-account policy evaluation logic"
/// (reference_policies_evaluation-logic-cross-account), "Permissions boundaries for IAM entities" (access_policies_boundaries),
/// "Update a role trust policy" (id_roles_update-role-trust-policy), "Key policies in AWS KMS" (kms key-policies),
/// "SCP evaluation" (orgs_manage_policies_scps_evaluation), "Resource control policies" (orgs_manage_policies_rcps),
/// and the STS API reference for AssumeRole.
/// </summary>
public sealed class EvaluationLogicTests
{
    private const string A = "111122223333";
    private const string B = "444455556666";
    private const string Alice = $"arn:aws:iam::{A}:user/alice";
    private const string Bob = $"arn:aws:iam::{B}:user/bob";
    private const string Deploy = $"arn:aws:iam::{A}:role/Deploy";
    private const string Bucket = "arn:aws:s3:::reports/q1.csv";
    private const string Key = $"arn:aws:kms:us-east-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static CompiledPolicy P(string statements, string id = "p") => CompiledPolicy.Compile("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", id);

    private static CompiledPolicy Allow(string action, string resource = "*", string id = "allow") => P($$"""{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"}""", id);

    private static CompiledPolicy Deny(string action, string resource = "*", string id = "deny") => P($$"""{"Effect":"Deny","Action":"{{action}}","Resource":"{{resource}}"}""", id);

    private static CompiledPolicy Trust(string principal, string action = "sts:AssumeRole", string condition = "") =>
        P($$"""{"Effect":"Allow","Principal":{{principal}},"Action":"{{action}}"{{(condition.Length == 0 ? "" : ",\"Condition\":" + condition)}}}""", "trust");

    private static CompiledPolicy ResourcePolicy(string principal, string action, string resource, string effect = "Allow") =>
        P($$"""{"Effect":"{{effect}}","Principal":{{principal}},"Action":"{{action}}","Resource":"{{resource}}"}""", "resource");

    private static PolicyDecision Decide(PolicySetOptions options, string principal, string action, string resource = "*", RequestContext? context = null, string? resourceAccount = null)
        => new PolicySet(options).Evaluate(new AuthorizationRequest(principal, action, resource, context) { ResourceAccount = resourceAccount });

    private static IReadOnlyList<IReadOnlyList<CompiledPolicy>> Levels(params CompiledPolicy[][] levels) => levels;

    // "If the enforcement code finds even one explicit deny that applies, the enforcement code returns a final decision of Deny."
    [Fact]
    public void An_explicit_deny_in_any_policy_type_wins()
    {
        var allowAll = Allow("*");
        foreach (var options in new[]
        {
            new PolicySetOptions { IdentityPolicies = new[] { allowAll, Deny("s3:*") } },
            new PolicySetOptions { IdentityPolicies = new[] { allowAll }, PermissionsBoundary = P("""{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}""") },
            new PolicySetOptions { IdentityPolicies = new[] { allowAll }, SessionPolicy = P("""{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}""") },
            new PolicySetOptions { IdentityPolicies = new[] { allowAll }, ResourcePolicy = ResourcePolicy("\"*\"", "s3:GetObject", "arn:aws:s3:::reports/*", "Deny") },
            new PolicySetOptions { IdentityPolicies = new[] { allowAll }, ServiceControlLevels = Levels(new[] { allowAll, Deny("s3:*") }) },
            new PolicySetOptions { IdentityPolicies = new[] { allowAll }, ResourceControlLevels = Levels(new[] { allowAll, P("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}""") }) },
        })
        {
            var decision = Decide(options, Alice, "s3:GetObject", Bucket);
            Assert.Equal(EvaluationDecision.ExplicitDeny, decision.Decision);
            Assert.StartsWith("explicitly denied by", decision.Explanation, StringComparison.Ordinal);
            Assert.Contains("line 1", decision.Explanation, StringComparison.Ordinal);
        }
    }

    // "By default, all requests are implicitly denied with the exception of the AWS account root user, which has full access."
    [Fact]
    public void Nothing_allows_means_implicit_deny_except_for_the_root_user()
    {
        var none = new PolicySetOptions();

        var user = Decide(none, Alice, "s3:GetObject", Bucket);
        var root = Decide(none, $"arn:aws:iam::{A}:root", "s3:GetObject", Bucket);

        Assert.Equal((EvaluationDecision.ImplicitDeny, PolicySource.Identity), (user.Decision, user.DecidedBy!.Value));
        Assert.Equal("no identity policy was given, so none allows s3:GetObject on arn:aws:s3:::reports/q1.csv", user.Explanation);
        Assert.Equal(EvaluationDecision.Allowed, root.Decision);
    }

    // "If either the identity-based policy or the resource-based policy within the same account allows the request and the other doesn't, the request is still allowed."
    [Fact]
    public void In_one_account_either_the_identity_policy_or_a_resource_policy_naming_the_user_allows()
    {
        var bucketPolicy = ResourcePolicy($$"""{"AWS":"{{Alice}}"}""", "s3:GetObject", "arn:aws:s3:::reports/*");

        var identityOnly = Decide(new PolicySetOptions { IdentityPolicies = new[] { Allow("s3:GetObject") } }, Alice, "s3:GetObject", Bucket);
        var resourceOnly = Decide(new PolicySetOptions { ResourcePolicy = bucketPolicy }, Alice, "s3:GetObject", Bucket);

        Assert.Equal(EvaluationDecision.Allowed, identityOnly.Decision);
        Assert.Equal(EvaluationDecision.Allowed, resourceOnly.Decision);
        Assert.Equal($"the resource policy names {Alice}", resourceOnly.Explanation);
    }

    // "Within the same account, resource-based policies impact policy evaluation differently depending on the type of principal
    // accessing the resource, and the principal that is allowed in the resource-based policy." Naming the account delegates to identity policies.
    [Fact]
    public void A_resource_policy_naming_only_the_account_needs_an_identity_allow()
    {
        var bucketPolicy = ResourcePolicy($$"""{"AWS":"arn:aws:iam::{{A}}:root"}""", "s3:GetObject", "arn:aws:s3:::reports/*");

        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(new PolicySetOptions { ResourcePolicy = bucketPolicy }, Alice, "s3:GetObject", Bucket).Decision);
        Assert.Equal(EvaluationDecision.Allowed, Decide(new PolicySetOptions { ResourcePolicy = bucketPolicy, IdentityPolicies = new[] { Allow("s3:GetObject") } }, Alice, "s3:GetObject", Bucket).Decision);
    }

    // "An entity's permissions boundary allows it to perform only the actions that are allowed by both its identity-based policies and its permissions boundaries."
    [Fact]
    public void The_permissions_boundary_must_allow_what_identity_policies_allow()
    {
        var decision = Decide(new PolicySetOptions { IdentityPolicies = new[] { Allow("*") }, PermissionsBoundary = Allow("ec2:*") }, Alice, "s3:GetObject", Bucket);

        Assert.Equal((EvaluationDecision.ImplicitDeny, PolicySource.PermissionsBoundary), (decision.Decision, decision.DecidedBy!.Value));
        Assert.Equal("the permissions boundary does not allow s3:GetObject on arn:aws:s3:::reports/q1.csv", decision.Explanation);
    }

    // "Permissions boundaries do not define the maximum permissions that a resource-based policy can grant to an entity."
    [Fact]
    public void A_boundary_does_not_limit_a_resource_policy_naming_the_user()
    {
        var bucketPolicy = ResourcePolicy($$"""{"AWS":"{{Alice}}"}""", "s3:GetObject", "arn:aws:s3:::reports/*");

        Assert.Equal(EvaluationDecision.Allowed, Decide(new PolicySetOptions { PermissionsBoundary = Allow("ec2:*"), ResourcePolicy = bucketPolicy }, Alice, "s3:GetObject", Bucket).Decision);
    }

    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions boundary policy attached,
    // regardless of the values specified in the NotPrincipal element."
    [Fact]
    public void A_deny_with_NotPrincipal_denies_every_principal_with_a_boundary()
    {
        var bucketPolicy = P($$"""{"Effect":"Deny","NotPrincipal":{"AWS":"{{Alice}}"},"Action":"s3:*","Resource":"*"}""", "bucket");
        var options = new PolicySetOptions { IdentityPolicies = new[] { Allow("*") }, ResourcePolicy = bucketPolicy };

        Assert.Equal(EvaluationDecision.Allowed, Decide(options, Alice, "s3:GetObject", Bucket).Decision);
        Assert.Equal(EvaluationDecision.ExplicitDeny, Decide(new PolicySetOptions { IdentityPolicies = new[] { Allow("*") }, PermissionsBoundary = Allow("*"), ResourcePolicy = bucketPolicy }, Alice, "s3:GetObject", Bucket).Decision);
    }

    // Session policies "limit the permissions that the role or user's identity-based policies grant to the session": the session
    // policy must allow as well; a resource policy naming the session ARN is not limited by it, one naming the role ARN is.
    [Fact]
    public void The_session_policy_must_allow_unless_a_resource_policy_names_the_session()
    {
        const string Session = $"arn:aws:sts::{A}:assumed-role/Deploy/build-42";
        var options = new PolicySetOptions { IdentityPolicies = new[] { Allow("*") }, SessionPolicy = Allow("ec2:*") };

        var limited = Decide(options, Session, "s3:GetObject", Bucket);
        var namedSession = Decide(new PolicySetOptions { SessionPolicy = Allow("ec2:*"), ResourcePolicy = ResourcePolicy($$"""{"AWS":"{{Session}}"}""", "s3:GetObject", "*") }, Session, "s3:GetObject", Bucket);
        var namedRole = Decide(new PolicySetOptions { SessionPolicy = Allow("ec2:*"), ResourcePolicy = ResourcePolicy($$"""{"AWS":"{{Deploy}}"}""", "s3:GetObject", "*") }, Session, "s3:GetObject", Bucket);

        Assert.Equal((EvaluationDecision.ImplicitDeny, "the session policy does not allow s3:GetObject on arn:aws:s3:::reports/q1.csv"), (limited.Decision, limited.Explanation));
        Assert.Equal(EvaluationDecision.Allowed, namedSession.Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, namedRole.Decision);
    }

    // "For most resources, you only need an explicit allow for the principal in either an identity-based policy or a resource-based
    // policy to grant access. IAM role trust policies and KMS key policies are exceptions to this logic, because they must explicitly
    // allow access for principals."
    [Theory]
    [InlineData("sts:AssumeRole")]
    [InlineData("sts:AssumeRoleWithWebIdentity")]
    [InlineData("sts:AssumeRoleWithSAML")]
    [InlineData("sts:TagSession")]
    [InlineData("sts:SetSourceIdentity")]
    public void A_role_trust_policy_must_allow_whatever_the_identity_policy_says(string action)
    {
        var identity = new[] { Allow("sts:*", Deploy) };
        var noTrust = Decide(new PolicySetOptions { IdentityPolicies = identity }, Alice, action, Deploy);
        var otherPrincipal = Decide(new PolicySetOptions { IdentityPolicies = identity, ResourcePolicy = Trust($$"""{"AWS":"arn:aws:iam::{{A}}:user/bob"}""", action) }, Alice, action, Deploy);

        Assert.Equal((EvaluationDecision.ImplicitDeny, PolicySource.Resource), (noTrust.Decision, noTrust.DecidedBy!.Value));
        Assert.StartsWith("no trust policy was given", noTrust.Explanation, StringComparison.Ordinal);
        Assert.Equal(EvaluationDecision.ImplicitDeny, otherPrincipal.Decision);
        Assert.Equal($"the trust policy does not name {Alice} (or its account) for {action}", otherPrincipal.Explanation);
    }

    // Same rule: a same-account trust policy naming the principal's ARN is enough on its own (no identity policy at all).
    [Fact]
    public void A_trust_policy_naming_the_user_grants_alone_in_the_same_account()
    {
        var decision = Decide(new PolicySetOptions { ResourcePolicy = Trust($$"""{"AWS":"{{Alice}}"}""") }, Alice, "sts:AssumeRole", Deploy);

        Assert.Equal((EvaluationDecision.Allowed, $"the trust policy names {Alice}"), (decision.Decision, decision.Explanation));
    }

    // "the administrator of the trusting account specifies the trusted account number as the Principal in the role's trust policy. That
    // potentially allows any user in the trusted account to assume the role. To complete the configuration, the administrator of the
    // trusted account must give specific groups or users in that account permission to switch to the role." (Grant a user permissions to switch roles)
    [Fact]
    public void A_trust_policy_naming_only_the_account_needs_an_identity_allow_too_and_says_which_side_is_missing()
    {
        var trust = Trust($$"""{"AWS":"arn:aws:iam::{{A}}:root"}""");

        var trustOnly = Decide(new PolicySetOptions { ResourcePolicy = trust }, Alice, "sts:AssumeRole", Deploy);
        var both = Decide(new PolicySetOptions { ResourcePolicy = trust, IdentityPolicies = new[] { Allow("sts:AssumeRole", Deploy) } }, Alice, "sts:AssumeRole", Deploy);

        Assert.Equal(EvaluationDecision.ImplicitDeny, trustOnly.Decision);
        Assert.Equal($"the trust policy names only the account {A}, so an identity policy must allow sts:AssumeRole too, and no identity policy allows it", trustOnly.Explanation);
        Assert.Equal(EvaluationDecision.Allowed, both.Decision);
    }

    // "If a user is listed as the principal in a role's trust policy but cannot assume the role, check the user's permissions boundary.
    // If a permissions boundary is set for the user, then it must allow the sts:AssumeRole action."
    [Fact]
    public void A_user_named_in_a_trust_policy_still_needs_its_boundary_to_allow_AssumeRole()
    {
        var trust = Trust($$"""{"AWS":"{{Alice}}"}""");

        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(new PolicySetOptions { ResourcePolicy = trust, PermissionsBoundary = Allow("s3:*") }, Alice, "sts:AssumeRole", Deploy).Decision);
        Assert.Equal(EvaluationDecision.Allowed, Decide(new PolicySetOptions { ResourcePolicy = trust, PermissionsBoundary = Allow("sts:AssumeRole") }, Alice, "sts:AssumeRole", Deploy).Decision);
    }

    // "You cannot call AssumeRole by using AWS root account credentials; access is denied. You must use credentials for an IAM user or an IAM role to call AssumeRole." (STS API reference)
    [Fact]
    public void The_root_user_cannot_assume_a_role()
    {
        var decision = Decide(new PolicySetOptions { ResourcePolicy = Trust("\"*\"") }, $"arn:aws:iam::{A}:root", "sts:AssumeRole", Deploy);

        Assert.Equal(EvaluationDecision.ImplicitDeny, decision.Decision);
        Assert.Contains("root user cannot assume a role", decision.Explanation, StringComparison.Ordinal);
    }

    // "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key. Without permission from the
    // key policy, IAM policies that allow permissions have no effect." / "No AWS principal, including the account root user or key
    // creator, has any permissions to a KMS key unless they are explicitly allowed, and never denied, in a key policy, IAM policy, or grant."
    [Fact]
    public void A_KMS_key_policy_must_allow_and_one_naming_the_account_enables_IAM_policies()
    {
        var identity = new[] { Allow("kms:Decrypt") };
        var enablesIam = P($$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{A}}:root"},"Action":"kms:*","Resource":"*"}""", "key-policy");
        var namesAlice = P($$"""{"Effect":"Allow","Principal":{"AWS":"{{Alice}}"},"Action":"kms:Decrypt","Resource":"*"}""", "key-policy");

        var noKeyPolicy = Decide(new PolicySetOptions { IdentityPolicies = identity }, Alice, "kms:Decrypt", Key);
        Assert.Equal(EvaluationDecision.ImplicitDeny, noKeyPolicy.Decision);
        Assert.StartsWith("no key policy was given", noKeyPolicy.Explanation, StringComparison.Ordinal);
        Assert.Equal(EvaluationDecision.Allowed, Decide(new PolicySetOptions { IdentityPolicies = identity, ResourcePolicy = enablesIam }, Alice, "kms:Decrypt", Key).Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(new PolicySetOptions { ResourcePolicy = enablesIam }, Alice, "kms:Decrypt", Key).Decision);
        Assert.Equal(EvaluationDecision.Allowed, Decide(new PolicySetOptions { ResourcePolicy = namesAlice }, Alice, "kms:Decrypt", Key).Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(new PolicySetOptions(), $"arn:aws:iam::{A}:root", "kms:Decrypt", Key).Decision);
    }

    // "To allow cross-account access, you attach a resource-based policy to the resource that you want to share. You must also attach an
    // identity-based policy to the identity that acts as the principal in the request."
    [Fact]
    public void Across_accounts_both_the_identity_side_and_the_resource_policy_must_allow()
    {
        var table = $"arn:aws:dynamodb:us-east-1:{A}:table/orders";
        var resourcePolicy = ResourcePolicy($$"""{"AWS":"{{Bob}}"}""", "dynamodb:GetItem", table);
        var identity = new[] { Allow("dynamodb:GetItem") };

        var resourceOnly = Decide(new PolicySetOptions { ResourcePolicy = resourcePolicy }, Bob, "dynamodb:GetItem", table);
        var identityOnly = Decide(new PolicySetOptions { IdentityPolicies = identity }, Bob, "dynamodb:GetItem", table);
        var both = Decide(new PolicySetOptions { IdentityPolicies = identity, ResourcePolicy = resourcePolicy }, Bob, "dynamodb:GetItem", table);

        Assert.Equal((EvaluationDecision.ImplicitDeny, PolicySource.Identity), (resourceOnly.Decision, resourceOnly.DecidedBy!.Value));
        Assert.Equal((EvaluationDecision.ImplicitDeny, PolicySource.Resource), (identityOnly.Decision, identityOnly.DecidedBy!.Value));
        Assert.Contains($"the resource is in account {A} and the principal in {B}", identityOnly.Explanation, StringComparison.Ordinal);
        Assert.Equal(EvaluationDecision.Allowed, both.Decision);
    }

    // Same page: the resource policy "must specify the principal of the trusted account ... You can specify the entire account". S3
    // bucket ARNs carry no account, so -ResourceAccount says whose bucket it is.
    [Fact]
    public void The_resource_account_comes_from_the_ARN_or_is_given_for_S3_buckets()
    {
        var bucketPolicy = ResourcePolicy($$"""{"AWS":"{{B}}"}""", "s3:GetObject", "arn:aws:s3:::reports/*");
        var options = new PolicySetOptions { ResourcePolicy = bucketPolicy };

        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(options, Bob, "s3:GetObject", Bucket, resourceAccount: A).Decision);
        Assert.Equal(EvaluationDecision.Allowed, Decide(options with { IdentityPolicies = new[] { Allow("s3:GetObject") } }, Bob, "s3:GetObject", Bucket, resourceAccount: A).Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(new PolicySetOptions { IdentityPolicies = new[] { Allow("s3:GetObject") } }, Bob, "s3:GetObject", Bucket, resourceAccount: A).Decision);
        Assert.Equal(EvaluationDecision.Allowed, Decide(new PolicySetOptions { IdentityPolicies = new[] { Allow("s3:GetObject") } }, Bob, "s3:GetObject", Bucket).Decision);
    }

    // Cross-account AssumeRole: the trust policy names the other account's user, and that user's identity policy must allow too.
    [Fact]
    public void Assuming_a_role_in_another_account_needs_the_trust_policy_and_the_callers_identity_policy()
    {
        var trust = Trust($$"""{"AWS":"{{Bob}}"}""");

        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(new PolicySetOptions { ResourcePolicy = trust }, Bob, "sts:AssumeRole", Deploy).Decision);
        Assert.Equal(EvaluationDecision.Allowed, Decide(new PolicySetOptions { ResourcePolicy = trust, IdentityPolicies = new[] { Allow("sts:AssumeRole", Deploy) } }, Bob, "sts:AssumeRole", Deploy).Decision);
    }

    // "For a permission to be allowed for a specific account, there must be an explicit Allow statement at every level from the root
    // through each OU in the direct path to the account (including the target account itself)."
    [Fact]
    public void Every_SCP_level_must_allow_and_the_explanation_names_the_level()
    {
        var options = new PolicySetOptions
        {
            IdentityPolicies = new[] { Allow("*") },
            ServiceControlLevels = Levels(new[] { Allow("*", id: "FullAWSAccess") }, new[] { Allow("s3:*", id: "ou-s3-only") }),
        };

        var s3 = Decide(options, Alice, "s3:GetObject", Bucket);
        var ec2 = Decide(options, Alice, "ec2:StartInstances");

        Assert.Equal(EvaluationDecision.Allowed, s3.Decision);
        Assert.Equal((EvaluationDecision.ImplicitDeny, PolicySource.ServiceControl), (ec2.Decision, ec2.DecidedBy!.Value));
        Assert.StartsWith("SCP level 2 does not allow ec2:StartInstances", ec2.Explanation, StringComparison.Ordinal);
    }

    // Same page: several SCPs attached at one level (FullAWSAccess plus a deny list) — any may allow, any deny wins.
    [Fact]
    public void Several_SCPs_at_one_level_any_allows_and_any_deny_wins()
    {
        var options = new PolicySetOptions
        {
            IdentityPolicies = new[] { Allow("*") },
            ServiceControlLevels = Levels(new[] { Allow("*", id: "FullAWSAccess"), Deny("cloudtrail:StopLogging", id: "deny-list") }),
        };

        Assert.Equal(EvaluationDecision.Allowed, Decide(options, Alice, "s3:GetObject", Bucket).Decision);
        var stop = Decide(options, Alice, "cloudtrail:StopLogging");
        Assert.Equal(EvaluationDecision.ExplicitDeny, stop.Decision);
        Assert.StartsWith("explicitly denied by SCP level 1 deny-list", stop.Explanation, StringComparison.Ordinal);
    }

    // "SCPs don't affect users or roles in the management account" and "SCPs do not affect service-linked roles": the engine assumes a
    // member account (omit SCPs for the management account) and recognises service-linked roles by their /aws-service-role/ path.
    [Fact]
    public void SCPs_do_not_restrict_service_linked_roles_but_restrict_the_root_user_of_member_accounts()
    {
        var options = new PolicySetOptions { IdentityPolicies = new[] { Allow("*") }, ServiceControlLevels = Levels(new[] { Allow("s3:*") }) };

        Assert.Equal(EvaluationDecision.Allowed, Decide(options, $"arn:aws:iam::{A}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing", "ec2:DescribeInstances").Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(options, $"arn:aws:iam::{A}:root", "ec2:DescribeInstances").Decision);
    }

    // "If the enforcement code does not find any applicable Allow statements in the RCPs, then the enforcement code returns a final
    // decision of Deny." RCPs restrict access to the resources of the account they are attached to, whoever the caller:
    // "Use an RCP when you need to restrict IAM principals that are external to your organization accounts making requests to access
    // resources within your organization's member accounts."
    [Fact]
    public void Every_RCP_level_must_allow_and_an_RCP_deny_stops_even_external_principals()
    {
        var rcpFull = P("""{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}""", "RCPFullAWSAccess");
        var onlyOrg = P("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-acme"}}}""", "org-only");
        var bucketPolicy = ResourcePolicy($$"""{"AWS":"{{Bob}}"}""", "s3:GetObject", "arn:aws:s3:::reports/*");
        var options = new PolicySetOptions { IdentityPolicies = new[] { Allow("s3:*") }, ResourcePolicy = bucketPolicy, ResourceControlLevels = Levels(new[] { rcpFull }, new[] { rcpFull, onlyOrg }) };

        var outsider = Decide(options, Bob, "s3:GetObject", Bucket, new RequestContext().Set("aws:PrincipalOrgID", "o-other"), resourceAccount: A);
        var insider = Decide(options, Bob, "s3:GetObject", Bucket, new RequestContext().Set("aws:PrincipalOrgID", "o-acme"), resourceAccount: A);
        var noAllowAtLevel2 = Decide(options with { ResourceControlLevels = Levels(new[] { rcpFull }, new[] { onlyOrg }) }, Bob, "s3:GetObject", Bucket, new RequestContext().Set("aws:PrincipalOrgID", "o-acme"), resourceAccount: A);

        Assert.Equal(EvaluationDecision.ExplicitDeny, outsider.Decision);
        Assert.StartsWith("explicitly denied by RCP level 2 org-only", outsider.Explanation, StringComparison.Ordinal);
        Assert.Equal(EvaluationDecision.Allowed, insider.Decision);
        Assert.Equal((EvaluationDecision.ImplicitDeny, PolicySource.ResourceControl), (noAllowAtLevel2.Decision, noAllowAtLevel2.DecidedBy!.Value));
        Assert.StartsWith("RCP level 2 does not allow", noAllowAtLevel2.Explanation, StringComparison.Ordinal);
    }

    // "You can also specify an AWS service as a principal." A service has no identity policies: only a resource policy naming it lets it in.
    [Fact]
    public void A_service_principal_is_let_in_only_by_a_resource_policy_naming_it()
    {
        var trust = Trust("""{"Service":"ec2.amazonaws.com"}""");

        Assert.Equal(EvaluationDecision.Allowed, Decide(new PolicySetOptions { ResourcePolicy = trust }, "ec2.amazonaws.com", "sts:AssumeRole", Deploy).Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(new PolicySetOptions { ResourcePolicy = trust, IdentityPolicies = new[] { Allow("*") } }, "lambda.amazonaws.com", "sts:AssumeRole", Deploy).Decision);
    }

    // A web identity: "Principal": {"Federated": "<oidc-provider ARN>"} with aud and sub conditions; the provider has no identity policies.
    [Fact]
    public void A_web_identity_provider_is_let_in_by_a_trust_policy_naming_it_with_matching_conditions()
    {
        const string Provider = $"arn:aws:iam::{A}:oidc-provider/token.actions.githubusercontent.com";
        var trust = Trust($$"""{"Federated":"{{Provider}}"}""", "sts:AssumeRoleWithWebIdentity", """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}""");
        var good = new RequestContext().Set("token.actions.githubusercontent.com:aud", "sts.amazonaws.com").Set("token.actions.githubusercontent.com:sub", "repo:acme/app:ref:refs/heads/main");
        var otherRepo = new RequestContext().Set("token.actions.githubusercontent.com:aud", "sts.amazonaws.com").Set("token.actions.githubusercontent.com:sub", "repo:evil/app:ref:refs/heads/main");

        Assert.Equal(EvaluationDecision.Allowed, Decide(new PolicySetOptions { ResourcePolicy = trust }, Provider, "sts:AssumeRoleWithWebIdentity", Deploy, good).Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(new PolicySetOptions { ResourcePolicy = trust }, Provider, "sts:AssumeRoleWithWebIdentity", Deploy, otherRepo).Decision);
    }

    // aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType and aws:username are request context IAM sets from the principal
    // ("aws:username – ... This key is included in the request context for IAM users"); the context given wins.
    [Fact]
    public void Principal_keys_are_derived_from_the_principal_ARN_unless_the_context_gives_them()
    {
        var policy = P("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333","aws:PrincipalType":"User"},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/*"}}}""");
        var options = new PolicySetOptions { IdentityPolicies = new[] { policy } };

        Assert.Equal(EvaluationDecision.Allowed, Decide(options, Alice, "s3:GetObject", "arn:aws:s3:::home/alice/notes.txt").Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(options, Alice, "s3:GetObject", "arn:aws:s3:::home/bob/notes.txt").Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(options, Alice, "s3:GetObject", "arn:aws:s3:::home/alice/notes.txt", new RequestContext().Set("aws:PrincipalType", "AssumedRole")).Decision);
    }
}
