using System.Text;
using IamOps.Aws;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>Account settings, MFA, authorization details, policy simulation and the credential report.</summary>
public sealed class IamQueryClientAccountTests
{
    [Fact]
    public async Task Account_alias_calls()
    {
        var (aliases, list) = await IamExchange.ListAsync(
            Ok("ListAccountAliases", "<IsTruncated>false</IsTruncated><AccountAliases><member>example-corp</member></AccountAliases>"),
            client => client.ListAccountAliasesAsync(CancellationToken.None));
        var create = await IamExchange.RunAsync(Empty("CreateAccountAlias"), client => client.CreateAccountAliasAsync("example-corp", CancellationToken.None));
        var delete = await IamExchange.RunAsync(Empty("DeleteAccountAlias"), client => client.DeleteAccountAliasAsync("example-corp", CancellationToken.None));

        Assert.Equal("ListAccountAliases", list.Action);
        Assert.Equal(new[] { "example-corp" }, aliases);
        Assert.Equal(("CreateAccountAlias", "example-corp"), (create.Action, create.Form["AccountAlias"]));
        Assert.Equal(("DeleteAccountAlias", "example-corp"), (delete.Action, delete.Form["AccountAlias"]));
    }

    [Fact]
    public async Task GetAccountPasswordPolicy_reads_every_setting()
    {
        var (policy, request) = await IamExchange.RunAsync(
            Ok("GetAccountPasswordPolicy", "<PasswordPolicy><AllowUsersToChangePassword>true</AllowUsersToChangePassword><RequireUppercaseCharacters>true</RequireUppercaseCharacters>"
                + "<RequireSymbols>true</RequireSymbols><ExpirePasswords>true</ExpirePasswords><PasswordReusePrevention>24</PasswordReusePrevention>"
                + "<RequireLowercaseCharacters>true</RequireLowercaseCharacters><MaxPasswordAge>90</MaxPasswordAge><HardExpiry>false</HardExpiry>"
                + "<RequireNumbers>true</RequireNumbers><MinimumPasswordLength>14</MinimumPasswordLength></PasswordPolicy>"),
            client => client.GetAccountPasswordPolicyAsync(CancellationToken.None));

        Assert.Equal("GetAccountPasswordPolicy", request.Action);
        Assert.Equal(
            new PasswordPolicy
            {
                MinimumPasswordLength = 14,
                RequireSymbols = true,
                RequireNumbers = true,
                RequireUppercaseCharacters = true,
                RequireLowercaseCharacters = true,
                AllowUsersToChangePassword = true,
                MaxPasswordAge = 90,
                PasswordReusePrevention = 24,
                HardExpiry = false,
                ExpirePasswords = true,
            },
            policy);
    }

    [Fact]
    public async Task UpdateAccountPasswordPolicy_sends_the_whole_policy_and_leaves_out_unset_ages()
    {
        var request = await IamExchange.RunAsync(
            Empty("UpdateAccountPasswordPolicy"),
            client => client.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { MinimumPasswordLength = 14, RequireSymbols = true, PasswordReusePrevention = 24 }, CancellationToken.None));

        Assert.Equal("UpdateAccountPasswordPolicy", request.Action);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["MinimumPasswordLength"] = "14",
                ["RequireSymbols"] = "true",
                ["RequireNumbers"] = "false",
                ["RequireUppercaseCharacters"] = "false",
                ["RequireLowercaseCharacters"] = "false",
                ["AllowUsersToChangePassword"] = "false",
                ["PasswordReusePrevention"] = "24",
                ["HardExpiry"] = "false",
            },
            request.Parameters());
    }

    [Fact]
    public async Task GetAccountSummary_reads_the_summary_map()
    {
        var (summary, request) = await IamExchange.RunAsync(
            Ok("GetAccountSummary", "<SummaryMap><entry><key>Users</key><value>27</value></entry><entry><key>UsersQuota</key><value>5000</value></entry>"
                + "<entry><key>AccountMFAEnabled</key><value>0</value></entry></SummaryMap>"),
            client => client.GetAccountSummaryAsync(CancellationToken.None));

        Assert.Equal("GetAccountSummary", request.Action);
        Assert.Equal(new Dictionary<string, int> { ["Users"] = 27, ["UsersQuota"] = 5000, ["AccountMFAEnabled"] = 0 }, summary);
    }

    [Fact]
    public async Task CreateVirtualMfaDevice_decodes_seed_and_qr_code()
    {
        var seed = "JBSWY3DPEHPK3PXP";
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        var (device, request) = await IamExchange.RunAsync(
            Ok("CreateVirtualMFADevice", "<VirtualMFADevice><SerialNumber>arn:aws:iam::123456789012:mfa/alice</SerialNumber>"
                + $"<Base32StringSeed>{Convert.ToBase64String(Encoding.ASCII.GetBytes(seed))}</Base32StringSeed><QRCodePNG>{Convert.ToBase64String(png)}</QRCodePNG></VirtualMFADevice>"),
            client => client.CreateVirtualMfaDeviceAsync("alice", "/", new[] { new IamTag("owner", "alice") }, CancellationToken.None));

        Assert.Equal("CreateVirtualMFADevice", request.Action);
        Assert.Equal(
            new Dictionary<string, string> { ["VirtualMFADeviceName"] = "alice", ["Path"] = "/", ["Tags.member.1.Key"] = "owner", ["Tags.member.1.Value"] = "alice" },
            request.Parameters());
        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", device.SerialNumber);
        Assert.Equal(seed, device.Base32StringSeed);
        Assert.Equal(png, device.QrCodePng);
    }

    [Fact]
    public async Task EnableMfaDevice_sends_both_codes()
    {
        var request = await IamExchange.RunAsync(
            Empty("EnableMFADevice"),
            client => client.EnableMfaDeviceAsync("alice", "arn:aws:iam::123456789012:mfa/alice", "123456", "654321", CancellationToken.None));

        Assert.Equal("EnableMFADevice", request.Action);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["UserName"] = "alice",
                ["SerialNumber"] = "arn:aws:iam::123456789012:mfa/alice",
                ["AuthenticationCode1"] = "123456",
                ["AuthenticationCode2"] = "654321",
            },
            request.Parameters());
    }

    [Fact]
    public async Task ListMfaDevices_reads_devices()
    {
        var (devices, request) = await IamExchange.ListAsync(
            Ok("ListMFADevices", "<IsTruncated>false</IsTruncated><MFADevices><member><UserName>alice</UserName><SerialNumber>arn:aws:iam::123456789012:mfa/alice</SerialNumber>"
                + "<EnableDate>2024-01-01T00:00:00Z</EnableDate></member></MFADevices>"),
            client => client.ListMfaDevicesAsync("alice", CancellationToken.None));

        Assert.Equal(("ListMFADevices", "alice"), (request.Action, request.Form["UserName"]));
        Assert.Equal(
            new MfaDevice { UserName = "alice", SerialNumber = "arn:aws:iam::123456789012:mfa/alice", EnableDate = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            Assert.Single(devices));
    }

    [Fact]
    public async Task ListVirtualMFADevices_asks_for_unassigned_devices_and_reads_their_serial_numbers()
    {
        var (serials, request) = await IamExchange.ListAsync(
            Ok("ListVirtualMFADevices", "<IsTruncated>false</IsTruncated><VirtualMFADevices><member><SerialNumber>arn:aws:iam::123456789012:mfa/alice</SerialNumber></member></VirtualMFADevices>"),
            client => client.ListUnassignedVirtualMfaDevicesAsync(CancellationToken.None));

        Assert.Equal(("ListVirtualMFADevices", "Unassigned"), (request.Action, request.Form["AssignmentStatus"]));
        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", Assert.Single(serials));
    }

    [Fact]
    public async Task GetAccountAuthorizationDetails_sends_the_filter_and_reads_all_four_lists()
    {
        var encoded = IamQueryClientPolicyTests.Encoded;
        var (details, request) = await IamExchange.RunAsync(
            Ok("GetAccountAuthorizationDetails",
                "<IsTruncated>false</IsTruncated>"
                + "<UserDetailList><member>" + IamQueryClientUserTests.Inner(User("alice"))
                + $"<UserPolicyList><member><PolicyName>inline</PolicyName><PolicyDocument>{encoded}</PolicyDocument></member></UserPolicyList>"
                + "<GroupList><member>admins</member></GroupList>"
                + "<AttachedManagedPolicies><member><PolicyName>readers</PolicyName><PolicyArn>arn:aws:iam::123456789012:policy/readers</PolicyArn></member></AttachedManagedPolicies>"
                + "</member></UserDetailList>"
                + "<GroupDetailList><member><GroupId>AGPA1</GroupId><GroupName>admins</GroupName><Path>/</Path><Arn>arn:aws:iam::123456789012:group/admins</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate>"
                + $"<GroupPolicyList><member><PolicyName>g</PolicyName><PolicyDocument>{encoded}</PolicyDocument></member></GroupPolicyList><AttachedManagedPolicies/></member></GroupDetailList>"
                + "<RoleDetailList><member>" + IamQueryClientRoleTests.RoleXml("web")
                + "<InstanceProfileList><member><InstanceProfileId>AIPA1</InstanceProfileId><Roles/><InstanceProfileName>web</InstanceProfileName><Path>/</Path><Arn>arn:aws:iam::123456789012:instance-profile/web</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></InstanceProfileList>"
                + $"<RolePolicyList><member><PolicyName>r</PolicyName><PolicyDocument>{encoded}</PolicyDocument></member></RolePolicyList><AttachedManagedPolicies/></member></RoleDetailList>"
                + "<Policies><member><PolicyName>readers</PolicyName><DefaultVersionId>v2</DefaultVersionId><PolicyId>ANPA1</PolicyId><Path>/</Path>"
                + "<PolicyVersionList><member><Document>" + encoded + "</Document><IsDefaultVersion>true</IsDefaultVersion><VersionId>v2</VersionId><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></PolicyVersionList>"
                + "<Arn>arn:aws:iam::123456789012:policy/readers</Arn><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable><CreateDate>2024-01-01T00:00:00Z</CreateDate><UpdateDate>2024-01-01T00:00:00Z</UpdateDate></member></Policies>"),
            client => client.GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter.User | AuthorizationDetailsFilter.AwsManagedPolicy, CancellationToken.None));

        Assert.Equal("GetAccountAuthorizationDetails", request.Action);
        Assert.Equal(new Dictionary<string, string> { ["Filter.member.1"] = "User", ["Filter.member.2"] = "AWSManagedPolicy" }, request.Parameters());
        var user = Assert.Single(details.Users);
        Assert.Equal("alice", user.User.UserName);
        Assert.Equal(new[] { "admins" }, user.GroupNames);
        Assert.Equal(new InlinePolicy { IdentityKind = IdentityKind.User, IdentityName = "alice", PolicyName = "inline", PolicyDocument = IamQueryClientPolicyTests.Document }, Assert.Single(user.InlinePolicies));
        Assert.Equal("readers", Assert.Single(user.AttachedPolicies).PolicyName);
        var group = Assert.Single(details.Groups);
        Assert.Equal(("admins", "g", IdentityKind.Group), (group.Group.GroupName, Assert.Single(group.InlinePolicies).PolicyName, group.InlinePolicies[0].IdentityKind));
        var role = Assert.Single(details.Roles);
        Assert.Equal("web", role.Role.RoleName);
        Assert.Equal("web", Assert.Single(role.InstanceProfiles).InstanceProfileName);
        Assert.Equal(IamQueryClientPolicyTests.Document, Assert.Single(role.InlinePolicies).PolicyDocument);
        var policy = Assert.Single(details.Policies);
        Assert.Equal("readers", policy.Policy.PolicyName);
        Assert.Equal(IamQueryClientPolicyTests.Document, Assert.Single(policy.Versions).Document);
    }

    private const string EvaluationResult =
        "<member><EvalDecision>allowed</EvalDecision><EvalActionName>s3:GetObject</EvalActionName><EvalResourceName>arn:aws:s3:::b/k</EvalResourceName>"
        + "<MatchedStatements><member><SourcePolicyId>PolicyInputList.1</SourcePolicyId><SourcePolicyType>IAM Policy</SourcePolicyType>"
        + "<StartPosition><Line>1</Line><Column>38</Column></StartPosition><EndPosition><Line>1</Line><Column>120</Column></EndPosition></member></MatchedStatements>"
        + "<MissingContextValues><member>aws:SourceIp</member></MissingContextValues>"
        + "<EvalDecisionDetails><entry><key>IAM Policy</key><value>allowed</value></entry></EvalDecisionDetails>"
        + "<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>true</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>"
        + "<ResourceSpecificResults><member><EvalResourceName>arn:aws:s3:::b/k</EvalResourceName><EvalResourceDecision>allowed</EvalResourceDecision></member></ResourceSpecificResults>"
        + "</member>"
        + "<member><EvalDecision>implicitDeny</EvalDecision><EvalActionName>s3:PutObject</EvalActionName><EvalResourceName>arn:aws:s3:::b/k</EvalResourceName><MatchedStatements/><MissingContextValues/></member>";

    [Fact]
    public async Task SimulatePrincipalPolicy_sends_every_input_and_reads_results()
    {
        var (results, request) = await IamExchange.ListAsync(
            Ok("SimulatePrincipalPolicy", $"<IsTruncated>false</IsTruncated><EvaluationResults>{EvaluationResult}</EvaluationResults>"),
            client => client.SimulatePrincipalPolicyAsync(
                new SimulatePrincipalPolicyRequest
                {
                    PolicySourceArn = "arn:aws:iam::123456789012:user/alice",
                    AdditionalPolicies = new[] { "{}" },
                    ActionNames = new[] { "s3:GetObject", "s3:PutObject" },
                    ResourceArns = new[] { "arn:aws:s3:::b/k" },
                    PermissionsBoundaryPolicies = new[] { "{\"b\":1}" },
                    ResourcePolicy = "{\"r\":1}",
                    ResourceOwner = "arn:aws:iam::123456789012:root",
                    CallerArn = "arn:aws:iam::123456789012:user/alice",
                    ResourceHandlingOption = "EC2-VPC-EBS",
                    ContextEntries = new[] { new SimulationContextEntry { ContextKeyName = "aws:SourceIp", ContextKeyType = "ip", ContextKeyValues = new[] { "10.0.0.1", "10.0.0.2" } } },
                },
                CancellationToken.None));

        Assert.Equal("SimulatePrincipalPolicy", request.Action);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PolicySourceArn"] = "arn:aws:iam::123456789012:user/alice",
                ["PolicyInputList.member.1"] = "{}",
                ["ActionNames.member.1"] = "s3:GetObject",
                ["ActionNames.member.2"] = "s3:PutObject",
                ["ResourceArns.member.1"] = "arn:aws:s3:::b/k",
                ["PermissionsBoundaryPolicyInputList.member.1"] = "{\"b\":1}",
                ["ResourcePolicy"] = "{\"r\":1}",
                ["ResourceOwner"] = "arn:aws:iam::123456789012:root",
                ["CallerArn"] = "arn:aws:iam::123456789012:user/alice",
                ["ResourceHandlingOption"] = "EC2-VPC-EBS",
                ["ContextEntries.member.1.ContextKeyName"] = "aws:SourceIp",
                ["ContextEntries.member.1.ContextKeyType"] = "ip",
                ["ContextEntries.member.1.ContextKeyValues.member.1"] = "10.0.0.1",
                ["ContextEntries.member.1.ContextKeyValues.member.2"] = "10.0.0.2",
                ["MaxItems"] = "1000",
            },
            request.Parameters());
        Assert.Equal(2, results.Count);
        var allowed = results[0];
        Assert.Equal(("s3:GetObject", "arn:aws:s3:::b/k", SimulationDecision.Allowed), (allowed.ActionName, allowed.ResourceName, allowed.Decision));
        var statement = Assert.Single(allowed.MatchedStatements);
        Assert.Equal(("PolicyInputList.1", 1, 38, 1, 120), (statement.SourcePolicyId, statement.StartLine, statement.StartColumn, statement.EndLine, statement.EndColumn));
        Assert.Equal(new[] { "aws:SourceIp" }, allowed.MissingContextValues);
        Assert.Equal(SimulationDecision.Allowed, allowed.DecisionDetails["IAM Policy"]);
        Assert.True(allowed.AllowedByPermissionsBoundary);
        Assert.Null(allowed.AllowedByOrganizations);
        Assert.Equal(SimulationDecision.Allowed, Assert.Single(allowed.ResourceResults).Decision);
        Assert.Equal(SimulationDecision.ImplicitDeny, results[1].Decision);
        Assert.Empty(results[1].MatchedStatements);
    }

    [Fact]
    public async Task SimulateCustomPolicy_sends_the_policies()
    {
        var (results, request) = await IamExchange.ListAsync(
            Ok("SimulateCustomPolicy", $"<IsTruncated>false</IsTruncated><EvaluationResults>{EvaluationResult}</EvaluationResults>"),
            client => client.SimulateCustomPolicyAsync(
                new SimulateCustomPolicyRequest { Policies = new[] { IamQueryClientPolicyTests.Document }, ActionNames = new[] { "s3:GetObject" } },
                CancellationToken.None));

        Assert.Equal("SimulateCustomPolicy", request.Action);
        Assert.Equal(
            new Dictionary<string, string> { ["PolicyInputList.member.1"] = IamQueryClientPolicyTests.Document, ["ActionNames.member.1"] = "s3:GetObject", ["MaxItems"] = "1000" },
            request.Parameters());
        Assert.Equal(new[] { SimulationDecision.Allowed, SimulationDecision.ImplicitDeny }, results.Select(r => r.Decision));
    }

    [Theory]
    [InlineData("STARTED", CredentialReportState.Started)]
    [InlineData("INPROGRESS", CredentialReportState.InProgress)]
    [InlineData("COMPLETE", CredentialReportState.Complete)]
    public async Task GenerateCredentialReport_reads_the_state(string wire, CredentialReportState expected)
    {
        var (state, request) = await IamExchange.RunAsync(
            Ok("GenerateCredentialReport", $"<State>{wire}</State><Description>No report exists. Starting a new report generation task</Description>"),
            client => client.GenerateCredentialReportAsync(CancellationToken.None));

        Assert.Equal("GenerateCredentialReport", request.Action);
        Assert.Equal(expected, state);
    }

    [Fact]
    public async Task GetCredentialReport_decodes_the_base64_csv()
    {
        const string csv = "user,arn,user_creation_time\n<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00\n";
        var (report, request) = await IamExchange.RunAsync(
            Ok("GetCredentialReport", $"<Content>{Convert.ToBase64String(Encoding.UTF8.GetBytes(csv))}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2024-07-01T10:00:00Z</GeneratedTime>"),
            client => client.GetCredentialReportAsync(CancellationToken.None));

        Assert.Equal("GetCredentialReport", request.Action);
        Assert.Equal(new CredentialReport { Content = csv, ReportFormat = "text/csv", GeneratedTime = new DateTime(2024, 7, 1, 10, 0, 0, DateTimeKind.Utc) }, report);
    }
}
