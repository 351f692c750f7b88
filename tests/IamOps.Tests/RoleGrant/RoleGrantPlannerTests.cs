using System.Text.Json;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Policies;
using IamOps.Policy;
using IamOps.RoleGrant;
using IamOps.Roles;
using static IamOps.Tests.RoleGrant.SimulatedRoleGrants;

namespace IamOps.Tests.RoleGrant;

/// <summary>Grant-IamRoleAssume's plans against the simulator: what each grant writes, that a re-run writes nothing, and what it refuses.</summary>
public sealed class RoleGrantPlannerTests
{
    private const string RootArn = "arn:aws:iam::" + AccountId + ":root";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedRoleGrants _sim = new();

    private static string Text(JsonElement element, string property) => element.GetProperty(property).ValueKind == JsonValueKind.Array
        ? string.Join(",", element.GetProperty(property).EnumerateArray().Select(e => e.GetString()))
        : element.GetProperty(property).GetString()!;

    [Fact]
    public async Task User_grant_creates_the_role_trusting_the_account_and_an_inline_policy_on_exactly_that_role()
    {
        await _sim.UserAsync("alice");

        var plan = await _sim.GrantAsync(ForUser("deployer", "alice"));
        var rerun = await _sim.PlanAsync(ForUser("deployer", "alice"));

        Assert.Equal(RoleGrantStatus.Created, plan.Status);
        Assert.Equal($"arn:aws:iam::{AccountId}:role/deployer", plan.Role.RoleArn);
        Assert.Equal(new[] { RootArn }, plan.TrustedPrincipals);
        var statement = Assert.Single(await _sim.TrustStatementsAsync("deployer"));
        Assert.Equal(RootArn, Text(statement.GetProperty("Principal"), "AWS"));
        Assert.False(statement.TryGetProperty("Condition", out _));
        var permission = await _sim.Iam.GetInlinePolicyAsync(IdentityKind.User, "alice", "IamOps-AssumeRole-deployer", None);
        // The role's trust policy names only the account, so the user's inline policy is what lets alice in (both must allow).
        var trust = CompiledPolicy.Compile((await _sim.Iam.GetRoleAsync("deployer", None)).AssumeRolePolicyDocument, "trust");
        var compiled = new PolicySet(new[] { CompiledPolicy.Compile(permission.PolicyDocument, permission.PolicyName) }, resourcePolicy: trust);
        Assert.Equal(EvaluationDecision.Allowed, compiled.Decide(new AuthorizationRequest("arn:aws:iam::111122223333:user/alice", "sts:AssumeRole", plan.Role.RoleArn)));
        Assert.Equal(EvaluationDecision.ImplicitDeny, new PolicySet(Array.Empty<CompiledPolicy>(), resourcePolicy: trust).Decide(new AuthorizationRequest("arn:aws:iam::111122223333:user/alice", "sts:AssumeRole", plan.Role.RoleArn)));
        Assert.Equal(EvaluationDecision.ImplicitDeny, compiled.Decide(new AuthorizationRequest("arn:aws:iam::111122223333:user/alice", "sts:AssumeRole", $"arn:aws:iam::{AccountId}:role/other")));
        Assert.Equal(RoleGrantStatus.Unchanged, rerun.Status);
        Assert.Empty(rerun.Changes);
        Assert.Equal(0, await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(ForUser("deployer", "alice"))));
        var findings = PolicyValidator.Validate((await _sim.Iam.GetRoleAsync("deployer", None)).AssumeRolePolicyDocument, new PolicyValidationOptions { PolicyType = PolicyType.Trust });
        Assert.True(findings.All(f => f.Severity > FindingSeverity.Warning), string.Join(" | ", findings));
    }

    [Fact]
    public async Task An_existing_trust_policy_gains_the_account_and_every_other_statement_stays()
    {
        const string Hand = """{"Version":"2012-10-17","Statement":[{"Sid":"Lambda","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        await _sim.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "worker", AssumeRolePolicyDocument = Hand, Description = "hand-made" }, None);
        await _sim.UserAsync("alice");

        var plan = await _sim.GrantAsync(ForUser("worker", "alice") with { RequireMfa = true });
        var second = await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(ForUser("worker", "alice") with { RequireMfa = true }));

        Assert.Equal(RoleGrantStatus.Updated, plan.Status);
        var statements = await _sim.TrustStatementsAsync("worker");
        Assert.Equal(2, statements.Length);
        Assert.True(PolicyText.SameDocument(JsonDocument.Parse(Hand).RootElement.GetProperty("Statement")[0].GetRawText(), statements[0].GetRawText()));
        Assert.Equal(RootArn, Text(statements[1].GetProperty("Principal"), "AWS"));
        Assert.Equal("true", statements[1].GetProperty("Condition").GetProperty("Bool").GetProperty("aws:MultiFactorAuthPresent").GetString());
        Assert.Equal("hand-made", (await _sim.Iam.GetRoleAsync("worker", None)).Description);
        Assert.Equal(0, second);
    }

    [Fact]
    public async Task RequireMfa_and_ExternalId_become_conditions_of_the_trust_statement()
    {
        await _sim.UserAsync("alice");

        await _sim.GrantAsync(ForUser("audit", "alice") with { RequireMfa = true, ExternalId = "acme-42" });

        var condition = Assert.Single(await _sim.TrustStatementsAsync("audit")).GetProperty("Condition");
        Assert.Equal("true", condition.GetProperty("Bool").GetProperty("aws:MultiFactorAuthPresent").GetString());
        Assert.Equal("acme-42", condition.GetProperty("StringEquals").GetProperty("sts:ExternalId").GetString());
    }

    [Fact]
    public async Task A_looser_statement_already_trusting_the_account_is_a_warning_and_is_kept()
    {
        await _sim.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "ops", AssumeRolePolicyDocument = TrustPolicy.Create(new RoleTrustRequest { RoleName = "ops", Principals = new[] { TrustPrincipal.Aws(AccountId, "aws") } }) }, None);
        await _sim.UserAsync("alice");

        var plan = await _sim.GrantAsync(ForUser("ops", "alice") with { RequireMfa = true });

        var warning = Assert.Single(plan.Warnings);
        Assert.Contains(RootArn, warning, StringComparison.Ordinal);
        Assert.Contains("aws:MultiFactorAuthPresent", warning, StringComparison.Ordinal);
        Assert.Equal(2, (await _sim.TrustStatementsAsync("ops")).Length);
    }

    [Fact]
    public async Task A_stricter_existing_statement_counts_and_the_trust_is_not_loosened()
    {
        await _sim.UserAsync("alice");
        await _sim.GrantAsync(ForUser("ops", "alice") with { RequireMfa = true });

        var plain = await _sim.PlanAsync(ForUser("ops", "alice"));

        Assert.Empty(plain.Changes);
        Assert.Empty(plain.Warnings);
    }

    [Fact]
    public async Task Cross_account_trusts_each_account_root_with_the_external_id_and_writes_no_identity_policy()
    {
        var plan = await _sim.GrantAsync(ForAccounts("vendor-read", "444455556666", "777788889999") with { ExternalId = "vendor-7f3a" });

        Assert.Equal(new[] { "arn:aws:iam::444455556666:root", "arn:aws:iam::777788889999:root" }, plan.TrustedPrincipals);
        var statement = Assert.Single(await _sim.TrustStatementsAsync("vendor-read"));
        Assert.Equal("arn:aws:iam::444455556666:root,arn:aws:iam::777788889999:root", Text(statement.GetProperty("Principal"), "AWS"));
        Assert.Equal("vendor-7f3a", statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("sts:ExternalId").GetString());
        Assert.Null(plan.PermissionPolicyName);
        Assert.DoesNotContain(_sim.Account.CallLog.Calls, c => c.Operation.StartsWith("Put", StringComparison.Ordinal));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public async Task Trusting_this_account_by_id_is_a_warning_that_names_UserName_and_GroupName()
    {
        var plan = await _sim.PlanAsync(ForAccounts("shared", AccountId));

        Assert.Contains("-UserName or -GroupName", Assert.Single(plan.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_is_trusted_through_the_account_and_only_its_members_may_assume()
    {
        await _sim.Iam.CreateGroupAsync("Deployers", null, None);
        var member = await _sim.UserAsync("dana");
        var outsider = await _sim.UserAsync("erin");
        await _sim.Iam.AddUserToGroupAsync("Deployers", "dana", None);

        var plan = await _sim.GrantAsync(ForGroup("deploy", "Deployers"));

        Assert.Equal("IamOps-AssumeRole-deploy", plan.PermissionPolicyName);
        Assert.Equal(RootArn, Text(Assert.Single(await _sim.TrustStatementsAsync("deploy")).GetProperty("Principal"), "AWS"));
        var permission = (await _sim.Iam.GetInlinePolicyAsync(IdentityKind.Group, "Deployers", "IamOps-AssumeRole-deploy", None)).PolicyDocument;
        Assert.Contains("sts:AssumeRole", permission, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:iam::{AccountId}:role/deploy", permission, StringComparison.Ordinal);
        var session = await _sim.AssumeAs(member).AssumeAsync(new IamOps.RoleAssume.RoleAssumeRequest { RoleName = "deploy", Verify = true }, None);
        Assert.Equal($"arn:aws:sts::{AccountId}:assumed-role/deploy/dana", session.VerifiedIdentity?.Arn);
        var denied = await Assert.ThrowsAsync<IamOpsException>(() => _sim.AssumeAs(outsider).AssumeAsync(new IamOps.RoleAssume.RoleAssumeRequest { RoleName = "deploy" }, None));
        Assert.Equal("RoleAssumeDenied", denied.ErrorId);
    }

    [Fact]
    public async Task Ec2_role_with_rds_permissions_gets_its_instance_profile_and_the_policy()
    {
        const string Rds = "arn:aws:iam::aws:policy/AmazonRDSFullAccess";

        var plan = await _sim.GrantAsync(ForServices("app", "ec2.amazonaws.com") with { PolicyArns = new[] { Rds } });
        var rerun = await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(ForServices("app", "ec2.amazonaws.com") with { PolicyArns = new[] { Rds } }));

        Assert.Equal(RoleGrantStatus.Created, plan.Status);
        Assert.Equal("app", plan.Role.InstanceProfileName);
        Assert.Equal("app", Assert.Single((await _sim.Iam.GetInstanceProfileAsync("app", None)).Roles).RoleName);
        var attached = await IamLookup.ToListAsync(_sim.Iam.ListAttachedPoliciesAsync(IdentityKind.Role, "app", None), None);
        Assert.Equal(Rds, Assert.Single(attached).PolicyArn);
        Assert.Equal("ec2.amazonaws.com", Text(Assert.Single(await _sim.TrustStatementsAsync("app")).GetProperty("Principal"), "Service"));
        Assert.Null(plan.PermissionPolicyName);
        Assert.Equal(0, rerun);
    }

    [Fact]
    public async Task A_service_role_made_by_Grant_IamBucketAccess_needs_nothing_more_for_the_same_service()
    {
        _sim.Account.AddBucket("acme-backups");
        var bucketGrant = new IamOps.BucketAccess.BucketGrantRequest
        {
            Principal = new IamOps.Principals.PrincipalTarget(IdentityKind.Role, "backup"),
            Grant = new IamOps.BucketAccess.BucketGrant { BucketName = "acme-backups", Access = IamOps.BucketAccess.BucketAccessLevel.Write },
            TrustServices = new[] { TrustPrincipal.Service("ec2.amazonaws.com") },
        };
        IamOps.BucketAccess.BucketGrantPlanner.Validate(bucketGrant);
        var context = await IamOps.Accounts.AccountContext.LoadAsync(_sim.Aws, None);
        foreach (var change in (await new IamOps.BucketAccess.BucketGrantPlanner(_sim.Aws, context).PlanAsync(bucketGrant, None)).Changes)
        {
            await change.Apply(None);
        }

        var plan = await _sim.PlanAsync(ForServices("backup", "ec2.amazonaws.com"));

        Assert.Empty(plan.Changes);
        Assert.Equal("backup", plan.Role.InstanceProfileName);
    }

    [Fact]
    public async Task Lambda_and_ssm_services_get_no_instance_profile()
    {
        var plan = await _sim.GrantAsync(ForServices("jobs", "lambda.amazonaws.com", "ssm.amazonaws.com"));

        Assert.Null(plan.Role.InstanceProfileName);
        Assert.Equal("lambda.amazonaws.com,ssm.amazonaws.com", Text(Assert.Single(await _sim.TrustStatementsAsync("jobs")).GetProperty("Principal"), "Service"));
    }

    [Fact]
    public async Task Only_missing_managed_policies_are_attached()
    {
        await _sim.GrantAsync(ForServices("app", "lambda.amazonaws.com") with { PolicyArns = new[] { "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" } });

        var plan = await _sim.GrantAsync(ForServices("app", "lambda.amazonaws.com") with { PolicyArns = new[] { "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonRDSFullAccess" } });

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ChangeKind.Attach, change.Kind);
        Assert.Contains("AmazonRDSFullAccess", change.Description, StringComparison.Ordinal);
        Assert.Equal(RoleGrantStatus.Updated, plan.Status);
    }

    [Fact]
    public async Task MaxSessionDuration_is_set_on_a_new_role_and_updated_on_an_existing_one()
    {
        await _sim.UserAsync("alice");

        await _sim.GrantAsync(ForUser("long", "alice") with { MaxSessionDuration = 7200 });
        var created = (await _sim.Iam.GetRoleAsync("long", None)).MaxSessionDuration;
        var update = await _sim.GrantAsync(ForUser("long", "alice") with { MaxSessionDuration = 43200 });
        var rerun = await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(ForUser("long", "alice") with { MaxSessionDuration = 43200 }));
        var unspecified = await _sim.PlanAsync(ForUser("long", "alice"));

        Assert.Equal(7200, created);
        var change = Assert.Single(update.Changes);
        Assert.Equal("Set maximum session duration to 43200 s on", change.Description);
        Assert.Equal("it is 7200 s", change.Reason);
        Assert.Equal(43200, (await _sim.Iam.GetRoleAsync("long", None)).MaxSessionDuration);
        Assert.Equal(0, rerun);
        Assert.Empty(unspecified.Changes);
        Assert.Equal(43200, unspecified.Role.MaxSessionDuration);
        Assert.Single(_sim.Account.CallLog.Of("UpdateRole"));
    }

    [Fact]
    public async Task A_permission_policy_that_differs_is_updated()
    {
        await _sim.UserAsync("alice");
        await _sim.Iam.PutInlinePolicyAsync(IdentityKind.User, "alice", "IamOps-AssumeRole-deployer", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""", None);
        await _sim.GrantAsync(ForUser("deployer", "alice"));

        var document = (await _sim.Iam.GetInlinePolicyAsync(IdentityKind.User, "alice", "IamOps-AssumeRole-deployer", None)).PolicyDocument;

        Assert.Contains($"arn:aws:iam::{AccountId}:role/deployer", document, StringComparison.Ordinal);
        Assert.DoesNotContain("\"*\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceId_associates_the_profile_and_a_rerun_leaves_it()
    {
        var instance = _sim.Account.AddInstance("i-0123456789abcdef0");

        var plan = await _sim.GrantAsync(ForServices("app", "ec2.amazonaws.com") with { InstanceIds = new[] { instance } });
        var rerun = await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(ForServices("app", "ec2.amazonaws.com") with { InstanceIds = new[] { instance } }));

        Assert.Equal("app", _sim.Account.InstanceProfileOf(instance));
        Assert.Contains(plan.Changes, c => c.Target == "instance " + instance && c.Description == "Associate instance profile app with");
        Assert.Equal(0, rerun);
        Assert.Empty(_sim.Waits);
    }

    [Fact]
    public async Task An_instance_running_with_another_profile_has_it_replaced_as_a_high_impact_change()
    {
        var instance = _sim.Account.AddInstance("i-0aaaaaaaaaaaaaaa1");
        await _sim.GrantAsync(ForServices("old-app", "ec2.amazonaws.com") with { InstanceIds = new[] { instance } });
        await _sim.GrantAsync(ForServices("app", "ec2.amazonaws.com"));

        var plan = await _sim.GrantAsync(ForServices("app", "ec2.amazonaws.com") with { InstanceIds = new[] { instance } });

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ChangeImpact.High, change.Impact);
        Assert.Equal("Replace instance profile old-app with app on", change.Description);
        Assert.Equal("app", _sim.Account.InstanceProfileOf(instance));
        Assert.Single(_sim.Account.CallLog.Of("ReplaceIamInstanceProfileAssociation"));
    }

    [Fact]
    public async Task A_new_instance_profile_that_EC2_does_not_see_yet_is_retried_until_it_does()
    {
        var instance = _sim.Account.AddInstance("i-0bbbbbbbbbbbbbbb2");
        _sim.Account.PropagationDelay = TimeSpan.FromSeconds(6);

        await _sim.GrantAsync(ForServices("app", "ec2.amazonaws.com") with { InstanceIds = new[] { instance } });

        Assert.Equal("app", _sim.Account.InstanceProfileOf(instance));
        Assert.Equal(new[] { 1, 2, 4 }, _sim.Waits.Select(w => (int)w.TotalSeconds));
        Assert.Equal(new[] { "InvalidParameterValue", "InvalidParameterValue", "InvalidParameterValue", "Success" }, _sim.Account.CallLog.Of("AssociateIamInstanceProfile").Select(c => c.Outcome));
    }

    [Fact]
    public async Task A_profile_that_never_becomes_visible_fails_after_the_retries_with_the_EC2_error()
    {
        var instance = _sim.Account.AddInstance("i-0ccccccccccccccc3");
        _sim.Account.PropagationDelay = TimeSpan.FromHours(1);

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.GrantAsync(ForServices("app", "ec2.amazonaws.com") with { InstanceIds = new[] { instance } }));

        Assert.Equal("AwsInvalidParameterValue", failure.ErrorId);
        Assert.True(_sim.Waits.Sum(w => w.TotalSeconds) is > 60 and < 120, string.Join(",", _sim.Waits));
    }

    public static TheoryData<string, RoleGrantRequest> BadRequests() => new()
    {
        { "RoleNameInvalid", ForUser("bad role", "alice") },
        { "UserNameInvalid", ForUser("r", "al ice") },
        { "GroupNameInvalid", ForGroup("r", "") },
        { "AccountIdInvalid", ForAccounts("r", "12345") },
        { "ServicePrincipalInvalid", ForServices("r", "ec2") },
        { "ConditionWithService", ForServices("r", "ec2.amazonaws.com") with { RequireMfa = true } },
        { "ConditionWithService", ForServices("r", "lambda.amazonaws.com") with { ExternalId = "abc" } },
        { "ExternalIdInvalid", ForAccounts("r", "444455556666") with { ExternalId = "x" } },
        { "ExternalIdInvalid", ForAccounts("r", "444455556666") with { ExternalId = "has space" } },
        { "PolicyArnInvalid", ForUser("r", "alice") with { PolicyArns = new[] { "AmazonRDSFullAccess" } } },
        { "PolicyArnLimitExceeded", ForUser("r", "alice") with { PolicyArns = Enumerable.Range(1, 21).Select(i => $"arn:aws:iam::aws:policy/P{i}").ToArray() } },
        { "MaxSessionDurationInvalid", ForUser("r", "alice") with { MaxSessionDuration = 900 } },
        { "MaxSessionDurationInvalid", ForUser("r", "alice") with { MaxSessionDuration = 43201 } },
        { "InstanceIdInvalid", ForServices("r", "ec2.amazonaws.com") with { InstanceIds = new[] { "i-XYZ" } } },
        { "InstanceIdWithoutEc2", ForServices("r", "lambda.amazonaws.com") with { InstanceIds = new[] { "i-0123456789abcdef0" } } },
        { "GranteeMissing", ForAccounts("r") },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_refused_before_any_call(string errorId, RoleGrantRequest request)
    {
        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.PlanAsync(request));

        Assert.Equal(errorId, failure.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
        Assert.Empty(_sim.Account.CallLog.Calls);
    }

    [Fact]
    public async Task The_external_id_is_not_repeated_in_its_error()
    {
        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.PlanAsync(ForAccounts("r", "444455556666") with { ExternalId = "secret value" }));

        Assert.DoesNotContain("secret value", failure.Message + failure.Target, StringComparison.Ordinal);
    }

    public static TheoryData<string, RoleGrantRequest> MissingThings() => new()
    {
        { "TargetNotFound", ForUser("r", "ghost") },
        { "TargetNotFound", ForGroup("r", "Ghosts") },
        { "PolicyNotFound", ForServices("r", "lambda.amazonaws.com") with { PolicyArns = new[] { "arn:aws:iam::aws:policy/AmazonRDSFullAcess" } } },
        { "PolicyArnPartitionMismatch", ForServices("r", "lambda.amazonaws.com") with { PolicyArns = new[] { "arn:aws-cn:iam::aws:policy/AmazonRDSFullAccess" } } },
        { "InstanceNotFound", ForServices("r", "ec2.amazonaws.com") with { InstanceIds = new[] { "i-0fffffffffffffff9" } } },
    };

    [Theory]
    [MemberData(nameof(MissingThings))]
    public async Task What_does_not_exist_is_an_error_before_any_write(string errorId, RoleGrantRequest request)
    {
        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.PlanAsync(request));

        Assert.Equal(errorId, failure.ErrorId);
        Assert.Empty(_sim.Account.CallLog.MutatingCalls);
        Assert.Null(await IamLookup.FindAsync(() => _sim.Iam.GetRoleAsync("r", None)));
    }

    [Fact]
    public async Task A_service_linked_role_is_refused()
    {
        await _sim.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "AWSServiceRoleForX", Path = "/aws-service-role/x.amazonaws.com/", AssumeRolePolicyDocument = TrustPolicy.Create(new RoleTrustRequest { RoleName = "x", Principals = new[] { TrustPrincipal.Service("x.amazonaws.com") } }) }, None);
        await _sim.UserAsync("alice");

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.PlanAsync(ForUser("AWSServiceRoleForX", "alice")));

        Assert.Equal("RoleServiceLinked", failure.ErrorId);
    }
}
