using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IamOps.Aws;
using IamOps.Policy;
using IamOps.PolicyCheck;
using IamOps.Simulator;

namespace IamOps.Tests.Policy;

/// <summary>
/// One engine: for random trust policies (naming users, roles, accounts, services, identity providers, everyone), callers
/// (users and role sessions, with and without identity policies and tags) and MFA / external-id contexts, the sandbox's
/// AssumeRole succeeds exactly when Test-IamPolicy's decider (LocalDecider, what the cmdlet calls) says Allowed.
/// </summary>
public sealed class TrustAgreementProperties
{
    /// <summary>The number of generated cases; reported by the issue's "how many".</summary>
    public const int Cases = 1000;

    private const string Account = "111122223333";
    private const string TargetArn = $"arn:aws:iam::{Account}:role/target";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);

    public enum Caller
    {
        Alice,
        Bob,
        HopSession,
    }

    public sealed record TrustCase(string Trust, Caller Caller, string? IdentityPolicy, bool Mfa, string? ExternalId, bool Tagged)
    {
        public override string ToString() => $"caller {Caller}, mfa {Mfa}, external id {ExternalId ?? "-"}, tagged {Tagged}, identity {IdentityPolicy ?? "-"}, trust {Trust}";
    }

    private static readonly string[] Principals =
    {
        "\"*\"",
        $"{{\"AWS\":\"{Account}\"}}",
        $"{{\"AWS\":\"arn:aws:iam::{Account}:root\"}}",
        $"{{\"AWS\":\"arn:aws:iam::{Account}:user/alice\"}}",
        $"{{\"AWS\":\"arn:aws:iam::{Account}:user/bob\"}}",
        $"{{\"AWS\":\"arn:aws:iam::{Account}:role/hop\"}}",
        $"{{\"AWS\":[\"arn:aws:iam::{Account}:user/bob\",\"arn:aws:iam::{Account}:role/hop\"]}}",
        "{\"AWS\":\"arn:aws:iam::444455556666:root\"}",
        "{\"Service\":\"ec2.amazonaws.com\"}",
        $"{{\"Federated\":\"arn:aws:iam::{Account}:saml-provider/corp\"}}",
    };

    private static readonly string[] Conditions =
    {
        string.Empty,
        """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""",
        """{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}""",
        """{"StringEquals":{"sts:ExternalId":"acme-42"}}""",
        """{"StringEquals":{"sts:ExternalId":["other","acme-42"]},"Bool":{"aws:MultiFactorAuthPresent":"true"}}""",
        """{"Null":{"sts:ExternalId":"false"}}""",
        """{"StringEquals":{"aws:PrincipalTag/team":"red"}}""",
        """{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/*"}}""",
        """{"StringEquals":{"aws:PrincipalType":"AssumedRole"}}""",
    };

    private static readonly string?[] IdentityPolicies =
    {
        null,
        $$$"""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{{TargetArn}}}"}}""",
        """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:*","Resource":"*"}}""",
        """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}""",
    };

    private static Gen<string> Statement() =>
        from effect in Gen.Frequency((5, Gen.Constant("Allow")), (1, Gen.Constant("Deny")))
        from principal in Gen.Elements(Principals)
        from action in Gen.Elements("sts:AssumeRole", "sts:*", "sts:TagSession", "sts:Assume*")
        from condition in Gen.Elements(Conditions)
        select $$"""{"Effect":"{{effect}}","Principal":{{principal}},"Action":"{{action}}"{{(condition.Length == 0 ? string.Empty : ",\"Condition\":" + condition)}}}""";

    private static Gen<TrustCase> TrustCases() =>
        from count in Gen.Choose(1, 3)
        from statements in Gen.ListOf(Statement(), count)
        from caller in Gen.Elements(Caller.Alice, Caller.Bob, Caller.HopSession)
        from identity in Gen.Elements(IdentityPolicies)
        from mfa in Gen.Elements(true, false)
        from externalId in Gen.Elements<string?>(null, "acme-42", "wrong-id")
        from tagged in Gen.Elements(true, false)
        // Bob has no MFA device: only alice (and the session she opens) can use MFA.
        select new TrustCase("{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}", caller, identity, mfa && caller != Caller.Bob, externalId, tagged);

    [Property(MaxTest = Cases, QuietOnSuccess = true)]
    public Property Sandbox_AssumeRole_agrees_with_Test_IamPolicy()
        => Prop.ForAll(Arb.From(TrustCases()), trustCase =>
        {
            var sandbox = SandboxAllows(trustCase).GetAwaiter().GetResult();
            var decided = Decide(trustCase);
            return (sandbox == (decided.Decision == EvaluationDecision.Allowed)).Label($"sandbox {(sandbox ? "allowed" : "denied")}, Test-IamPolicy {decided.Decision} ({decided.Explanation}); {trustCase}");
        });

    [Fact]
    public void The_agreement_property_covers_every_kind_of_outcome()
    {
        // Not a proof of coverage, a guard against a generator that only ever produces denials.
        var sample = Gen.Sample(TrustCases(), 400).Select(Decide).ToList();
        Assert.Contains(sample, d => d.Decision == EvaluationDecision.Allowed);
        Assert.Contains(sample, d => d.Decision == EvaluationDecision.ExplicitDeny);
        Assert.Contains(sample, d => d.Decision == EvaluationDecision.ImplicitDeny);
    }

    private static PolicyCheckDecision Decide(TrustCase trustCase)
    {
        var principal = trustCase.Caller switch
        {
            Caller.Alice => $"arn:aws:iam::{Account}:user/alice",
            Caller.Bob => $"arn:aws:iam::{Account}:user/bob",
            _ => $"arn:aws:sts::{Account}:assumed-role/hop/s0",
        };
        var context = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

        // AWS: aws:MultiFactorAuthPresent is absent for long-term keys used without MFA, present in every role session.
        if (trustCase.Mfa || trustCase.Caller == Caller.HopSession)
        {
            context["aws:MultiFactorAuthPresent"] = new[] { trustCase.Mfa ? "true" : "false" };
        }

        if (trustCase.ExternalId is not null)
        {
            context["sts:ExternalId"] = new[] { trustCase.ExternalId };
        }

        var outcome = LocalDecider.Decide(new DecisionRequest
        {
            PrincipalArn = principal,
            Actions = new[] { "sts:AssumeRole" },
            Resources = new[] { TargetArn },
            Context = context,
            PrincipalTags = trustCase.Tagged && trustCase.Caller == Caller.Alice ? new Dictionary<string, string> { ["team"] = "red" } : new Dictionary<string, string>(),
            TrustPolicy = SourcedPolicy.FromJson("TrustPolicy", trustCase.Trust),
            IdentityPolicies = trustCase.IdentityPolicy is null ? Array.Empty<SourcedPolicy>() : new[] { SourcedPolicy.FromJson("identity", trustCase.IdentityPolicy) },
        });
        Assert.Empty(outcome.Failures);
        return Assert.Single(outcome.Decisions);
    }

    private static async Task<bool> SandboxAllows(TrustCase trustCase)
    {
        var clock = new ManualClock(Start);
        var account = new SimulatedAccount(Account, clock);
        var admin = account.Connect().Iam;
        async Task<SimulatorConnection> User(string name, bool tagged)
        {
            await admin.CreateUserAsync(new CreateUserRequest { UserName = name, Tags = tagged ? new[] { new IamTag("team", "red") } : Array.Empty<IamTag>() }, None);
            var key = await admin.CreateAccessKeyAsync(name, None);
            return account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));
        }

        var alice = await User("alice", trustCase.Tagged);
        var bob = await User("bob", tagged: false);
        var device = await admin.CreateVirtualMfaDeviceAsync("alice", null, Array.Empty<IamTag>(), None);
        await admin.EnableMfaDeviceAsync("alice", device.SerialNumber, TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start.AddSeconds(-30)), TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start), None);
        clock.Advance(TimeSpan.FromSeconds(30));
        await admin.CreateRoleAsync(new CreateRoleRequest { RoleName = "hop", AssumeRolePolicyDocument = $$$"""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{Account}}}:user/alice"},"Action":"sts:AssumeRole"}}""" }, None);
        await admin.CreateRoleAsync(new CreateRoleRequest { RoleName = "target", AssumeRolePolicyDocument = trustCase.Trust }, None);

        AssumeRoleRequest WithMfa(AssumeRoleRequest request)
        {
            if (!trustCase.Mfa)
            {
                return request;
            }

            clock.Advance(TimeSpan.FromSeconds(30));
            return request with { SerialNumber = device.SerialNumber, TokenCode = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, clock.UtcNow) };
        }

        SimulatorConnection caller;
        switch (trustCase.Caller)
        {
            case Caller.Alice:
                caller = alice;
                if (trustCase.IdentityPolicy is not null)
                {
                    await admin.PutInlinePolicyAsync(IdentityKind.User, "alice", "identity", trustCase.IdentityPolicy, None);
                }

                break;
            case Caller.Bob:
                caller = bob;
                if (trustCase.IdentityPolicy is not null)
                {
                    await admin.PutInlinePolicyAsync(IdentityKind.User, "bob", "identity", trustCase.IdentityPolicy, None);
                }

                break;
            default:
                if (trustCase.IdentityPolicy is not null)
                {
                    await admin.PutInlinePolicyAsync(IdentityKind.Role, "hop", "identity", trustCase.IdentityPolicy, None);
                }

                var hop = await alice.Sts.AssumeRoleAsync(WithMfa(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/hop", RoleSessionName = "s0" }), None);
                caller = account.Connect().ForSession(hop);
                break;
        }

        var request = new AssumeRoleRequest { RoleArn = TargetArn, RoleSessionName = "s1", ExternalId = trustCase.ExternalId };
        try
        {
            await caller.Sts.AssumeRoleAsync(trustCase.Caller == Caller.HopSession ? request : WithMfa(request), None);
            return true;
        }
        catch (IamOpsException denied) when (denied.ErrorId == "AwsAccessDenied")
        {
            return false;
        }
    }
}
