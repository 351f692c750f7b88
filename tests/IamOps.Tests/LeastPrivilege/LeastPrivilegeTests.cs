using IamOps.Accounts;
using IamOps.Aws;
using IamOps.LastAccessed;
using IamOps.LeastPrivilege;
using IamOps.Planning;
using IamOps.Policy;
using IamOps.Tests.LastAccessed;

namespace IamOps.Tests.LeastPrivilege;

/// <summary>New-IamLeastPrivilegePolicy's logic: the proposal from Access Advisor's data, its lint, and writing it plan-first.</summary>
public sealed class LeastPrivilegeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<(ServiceLastAccessedReport Report, string Arn)> ReportAsync(LastAccessedScenario scenario)
    {
        var reader = new LastAccessedReader(scenario.Iam, new LastAccessedRequest { Kind = LastAccessedTargetKind.Role, Name = "app", IncludeActions = true }, () => scenario.Account.UtcNow)
        {
            Delay = (_, _) => Task.CompletedTask,
        };
        var step = await reader.ReadAsync(null, None);
        return (step.Report!, step.Arn!);
    }

    private static async Task<LeastPrivilegeProposal> RunAsync(LastAccessedScenario scenario, LeastPrivilegeRequest request, ApplyCallbacks? callbacks = null)
    {
        var (report, arn) = await ReportAsync(scenario);
        var account = new AccountContext(scenario.Account.AccountId, "aws", null);
        return await LeastPrivilegeRun.RunAsync(scenario.Iam, account, request, report, arn, scenario.Account.UtcNow, callbacks ?? ApplyCallbacks.ApproveAll, None);
    }

    private static EvaluationDecision Decide(string document, string action, string resource = "*") =>
        new PolicySet(new[] { CompiledPolicy.Compile(document, "proposal") })
            .Decide(new AuthorizationRequest("arn:aws:iam::111122223333:role/app", action, resource));

    [Fact]
    public async Task A_role_granted_forty_services_that_used_three_keeps_exactly_those_three_and_lints_clean()
    {
        var scenario = await LastAccessedScenario.UsedAsync();

        var proposal = await RunAsync(scenario, new LeastPrivilegeRequest { Name = "app" });

        Assert.Equal(LeastPrivilegeStatus.Proposed, proposal.Status);
        Assert.Equal(40, proposal.GrantedServices.Count);
        Assert.Equal(LastAccessedScenario.UsedServices, proposal.KeptServices);
        Assert.Equal(LastAccessedScenario.FortyServices.Except(LastAccessedScenario.UsedServices).OrderBy(s => s, StringComparer.Ordinal), proposal.RemovedServices);
        Assert.Contains("s3:GetBucketLocation", proposal.KeptActions);
        Assert.Contains("s3:DeleteBucket", proposal.RemovedActions);
        Assert.True(proposal.IsClean, string.Join("; ", proposal.Findings));
        Assert.DoesNotContain(proposal.Findings, f => f.Severity is FindingSeverity.Error or FindingSeverity.SecurityWarning);
        Assert.Equal(scenario.RoleArn, proposal.TargetArn);
    }

    [Fact]
    public async Task The_proposal_allows_the_actions_used_and_denies_the_others()
    {
        var scenario = await LastAccessedScenario.UsedAsync();

        var document = (await RunAsync(scenario, new LeastPrivilegeRequest { Name = "app" })).Document!;

        Assert.Equal(EvaluationDecision.Allowed, Decide(document, "s3:GetBucketLocation", "arn:aws:s3:::app-data"));
        Assert.Equal(EvaluationDecision.Allowed, Decide(document, "ec2:DescribeIamInstanceProfileAssociations"));
        Assert.Equal(EvaluationDecision.Allowed, Decide(document, "iam:GetRole", scenario.RoleArn));
        foreach (var denied in new[] { "s3:DeleteBucket", "iam:CreateUser", "ec2:RunInstances", "dynamodb:GetItem", "lambda:InvokeFunction", "kms:Decrypt" })
        {
            Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(document, denied));
        }
    }

    [Fact]
    public void Services_used_without_tracked_actions_are_kept_whole_and_nothing_used_gives_no_document()
    {
        var now = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var report = new ServiceLastAccessedReport
        {
            JobStatus = LastAccessedJobStatus.Completed,
            Services = new[]
            {
                new ServiceLastAccessed { ServiceNamespace = "dynamodb", LastAuthenticated = now.AddDays(-3) },
                new ServiceLastAccessed { ServiceNamespace = "sqs", LastAuthenticated = now.AddDays(-31) },
                new ServiceLastAccessed { ServiceNamespace = "resource-groups", LastAuthenticated = now.AddDays(-1) },
                new ServiceLastAccessed
                {
                    ServiceNamespace = "s3", LastAuthenticated = now.AddDays(-2),
                    TrackedActionsLastAccessed = new[] { new TrackedActionLastAccessed { ActionName = "PutBucketPolicy", LastAccessedTime = now.AddDays(-40) } },
                },
            },
        };

        var proposal = LeastPrivilegePolicyBuilder.Build(report, 30, now);
        var nothing = LeastPrivilegePolicyBuilder.Build(report, 30, now.AddDays(365));

        Assert.Equal(new[] { "dynamodb", "resource-groups", "s3" }, proposal.KeptServices);
        Assert.Equal(new[] { "sqs" }, proposal.RemovedServices);
        Assert.Contains("\"Sid\": \"UseResourceGroups\"", proposal.Document, StringComparison.Ordinal);
        Assert.Equal(EvaluationDecision.Allowed, Decide(proposal.Document!, "dynamodb:Query"));
        Assert.Equal(EvaluationDecision.Allowed, Decide(proposal.Document!, "s3:GetObject"));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide(proposal.Document!, "sqs:SendMessage"));
        Assert.Null(nothing.Document);
        Assert.False(nothing.IsClean);
    }

    [Fact]
    public void Cut_from_the_current_policies_the_proposal_never_grants_more_than_they_do()
    {
        var now = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var report = new ServiceLastAccessedReport
        {
            JobStatus = LastAccessedJobStatus.Completed,
            Services = new[]
            {
                new ServiceLastAccessed { ServiceNamespace = "sqs", LastAuthenticated = now.AddDays(-1) },
                new ServiceLastAccessed { ServiceNamespace = "sns", LastAuthenticated = null },
                new ServiceLastAccessed
                {
                    ServiceNamespace = "s3", LastAuthenticated = now.AddDays(-1),
                    TrackedActionsLastAccessed = new[]
                    {
                        new TrackedActionLastAccessed { ActionName = "GetObject", LastAccessedTime = now.AddDays(-1) },
                        new TrackedActionLastAccessed { ActionName = "PutObject" },
                    },
                },
            },
        };
        var granted = new[]
        {
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage","sns:*"],"Resource":"arn:aws:sqs:us-east-1:111122223333:jobs"},"""
                + """{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::reports/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}},"""
                + """{"Effect":"Deny","Action":"sqs:SendMessage","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""",
        };

        var proposal = LeastPrivilegePolicyBuilder.Build(report, 30, now, granted);
        var document = proposal.Document!;
        var secure = new RequestContext().Set("aws:SecureTransport", "true");
        EvaluationDecision Decide(string action, string resource, RequestContext? context = null) =>
            new PolicySet(new[] { CompiledPolicy.Compile(document, "proposal") }).Decide(new AuthorizationRequest("arn:aws:iam::111122223333:role/app", action, resource, context ?? secure));

        Assert.Equal(new[] { "s3:GetObject", "sqs:SendMessage" }, proposal.KeptActions);
        Assert.Equal(EvaluationDecision.Allowed, Decide("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs"));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:other"));
        Assert.Equal(EvaluationDecision.ExplicitDeny, Decide("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs", new RequestContext().Set("aws:SecureTransport", "false")));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("sqs:DeleteQueue", "arn:aws:sqs:us-east-1:111122223333:jobs"));
        Assert.Equal(EvaluationDecision.Allowed, Decide("s3:GetObject", "arn:aws:s3:::reports/q1.csv"));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("s3:GetObject", "arn:aws:s3:::other/q1.csv"));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("s3:PutObject", "arn:aws:s3:::reports/q1.csv"));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("sns:Publish", "arn:aws:sqs:us-east-1:111122223333:jobs"));
        Assert.True(proposal.IsClean, string.Join("; ", proposal.Findings));
    }

    [Fact]
    public async Task Apply_creates_the_policy_and_a_rerun_changes_nothing()
    {
        var scenario = await LastAccessedScenario.UsedAsync();
        var request = new LeastPrivilegeRequest { Name = "app", Apply = true, PolicyName = "app-least-privilege" };

        var created = await RunAsync(scenario, request);
        var mutating = scenario.Account.CallLog.Calls.Count(c => c.IsMutating);
        var again = await RunAsync(scenario, request);

        Assert.Equal(LeastPrivilegeStatus.Created, created.Status);
        Assert.Equal($"arn:aws:iam::{scenario.Account.AccountId}:policy/app-least-privilege", created.PolicyArn);
        var version = await scenario.Iam.GetPolicyVersionAsync(created.PolicyArn!, "v1", None);
        Assert.True(IamOps.Policies.PolicyText.SameDocument(created.Document, version.Document));
        Assert.Equal(LeastPrivilegeStatus.Unchanged, again.Status);
        Assert.Equal(mutating, scenario.Account.CallLog.Calls.Count(c => c.IsMutating));
    }

    [Fact]
    public async Task Declined_changes_make_no_mutating_call()
    {
        var scenario = await LastAccessedScenario.UsedAsync();
        var before = scenario.Account.CallLog.Calls.Count(c => c.IsMutating);

        var proposal = await RunAsync(scenario, new LeastPrivilegeRequest { Name = "app", Apply = true, PolicyName = "app-least-privilege" }, ApplyCallbacks.DeclineAll);

        Assert.Equal(LeastPrivilegeStatus.NotApplied, proposal.Status);
        Assert.Equal("Would create policy app-least-privilege", Assert.Single(proposal.Changes));
        Assert.Equal(before, scenario.Account.CallLog.Calls.Count(c => c.IsMutating));
    }

    [Fact]
    public async Task A_changed_proposal_becomes_a_new_default_version_deleting_the_oldest_non_default_one_at_five()
    {
        var scenario = await LastAccessedScenario.UsedAsync();
        var arn = (await scenario.Iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "app-least-privilege", PolicyDocument = IamOps.Tests.Simulator.Expect.Statement("Allow", "s3:ListBucket") }, None)).Arn;
        for (var i = 0; i < 4; i++)
        {
            scenario.Clock.Advance(TimeSpan.FromMinutes(1));
            await scenario.Iam.CreatePolicyVersionAsync(arn, IamOps.Tests.Simulator.Expect.Statement("Allow", "s3:ListBucket" + i), setAsDefault: false, None);
        }

        var updated = await RunAsync(scenario, new LeastPrivilegeRequest { Name = "app", Apply = true, PolicyName = "app-least-privilege" });

        Assert.Equal(LeastPrivilegeStatus.Updated, updated.Status);
        Assert.Equal(new[] { "Deleted version v2 of policy app-least-privilege", "Created default version of policy app-least-privilege" }, updated.Changes);
        var versions = await IamOps.Tests.Simulator.Expect.All(scenario.Iam.ListPolicyVersionsAsync(arn, None));
        Assert.Equal(new[] { "v1", "v3", "v4", "v5", "v6" }, versions.Select(v => v.VersionId).OrderBy(v => v.Length).ThenBy(v => v, StringComparer.Ordinal));
        Assert.Equal("v6", Assert.Single(versions, v => v.IsDefaultVersion).VersionId);
    }

    [Fact]
    public async Task Apply_without_use_or_without_a_policy_name_is_refused_before_any_write()
    {
        var scenario = await LastAccessedScenario.GrantedAsync();
        var before = scenario.Account.CallLog.Calls.Count(c => c.IsMutating);

        var nothing = await Assert.ThrowsAsync<IamOpsException>(() => RunAsync(scenario, new LeastPrivilegeRequest { Name = "app", Apply = true, PolicyName = "p" }));
        var unnamed = Assert.Throws<IamOpsException>(() => LeastPrivilegeRequest.Validate(new LeastPrivilegeRequest { Name = "app", Apply = true }));
        var days = Assert.Throws<IamOpsException>(() => LeastPrivilegeRequest.Validate(new LeastPrivilegeRequest { Name = "app", Days = 0 }));

        Assert.Equal("NothingUsed", nothing.ErrorId);
        Assert.Equal("PolicyNameRequired", unnamed.ErrorId);
        Assert.Equal("DaysInvalid", days.ErrorId);
        Assert.Equal(before, scenario.Account.CallLog.Calls.Count(c => c.IsMutating));
    }
}
