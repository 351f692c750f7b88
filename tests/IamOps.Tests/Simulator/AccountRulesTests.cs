using System.Net;
using Amazon.Runtime;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

public sealed class AccountRulesTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new("111122223333");
    private readonly IIam _iam;

    public AccountRulesTests() => _iam = _account.Connect().Iam;

    private Task<IamUser> CreateUser(string name, string? path = null, IReadOnlyList<IamTag>? tags = null) =>
        _iam.CreateUserAsync(new CreateUserRequest { UserName = name, Path = path, Tags = tags ?? Array.Empty<IamTag>() }, None);

    [Fact]
    public async Task New_account_has_the_administrator_with_AdministratorAccess_and_no_groups()
    {
        var me = await _iam.GetUserAsync(null, None);
        Assert.Equal("arn:aws:iam::111122223333:user/Administrator", me.Arn);
        Assert.StartsWith("AIDA", me.UserId, StringComparison.Ordinal);
        Assert.Empty(await Expect.All(_iam.ListGroupsForUserAsync("Administrator", None)));
        var attached = await Expect.All(_iam.ListAttachedPoliciesAsync(IdentityKind.User, "Administrator", None));
        Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", Assert.Single(attached).PolicyArn);
    }

    [Fact]
    public async Task Created_entities_get_AWS_id_prefixes_and_ARNs_with_their_path()
    {
        var user = await CreateUser("alice", "/engineering/");
        var group = await _iam.CreateGroupAsync("devs", null, None);
        var role = await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "app", AssumeRolePolicyDocument = Expect.Trust("""{"AWS":"111122223333"}""") }, None);
        var policy = await _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p", PolicyDocument = Expect.Statement("Allow", "s3:GetObject") }, None);
        var profile = await _iam.CreateInstanceProfileAsync("web", null, Array.Empty<IamTag>(), None);
        Assert.Equal("arn:aws:iam::111122223333:user/engineering/alice", user.Arn);
        Assert.Matches("^AIDA[A-Z2-7]{17}$", user.UserId);
        Assert.StartsWith("AGPA", group.GroupId, StringComparison.Ordinal);
        Assert.StartsWith("AROA", role.RoleId, StringComparison.Ordinal);
        Assert.StartsWith("ANPA", policy.PolicyId, StringComparison.Ordinal);
        Assert.StartsWith("AIPA", profile.InstanceProfileId, StringComparison.Ordinal);
        var key = await _iam.CreateAccessKeyAsync("alice", None);
        Assert.Matches("^AKIA[A-Z2-7]{16}$", key.AccessKeyId);
        Assert.Equal(40, key.SecretAccessKey.Length);
    }

    [Fact]
    public async Task In_process_errors_are_shaped_exactly_as_the_translator_shapes_AWS_errors()
    {
        await CreateUser("alice");
        var error = await Expect.AwsError("EntityAlreadyExists", 409, () => CreateUser("alice"));
        var fromAws = AwsErrorTranslator.Translate(new AmazonServiceException("x", null, ErrorType.Sender, "EntityAlreadyExists", "r", HttpStatusCode.Conflict), "iam:CreateUser", "alice");
        Assert.Equal(fromAws.ErrorId, error.ErrorId);
        Assert.Equal(fromAws.Kind, error.Kind);
        Assert.Equal(fromAws.HttpStatus, error.HttpStatus);
        Assert.StartsWith("iam:CreateUser failed: EntityAlreadyExists: User with name alice already exists.", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.RequestId);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("slash/name")]
    [InlineData("jöhn")]
    [InlineData("")]
    public async Task User_name_outside_the_pattern_is_ValidationError(string name)
    {
        var error = await Expect.AwsError("ValidationError", 400, () => CreateUser(name));
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task Name_lengths_are_64_for_users_and_roles_and_128_for_groups_and_policies()
    {
        await CreateUser(new string('u', 64));
        await Expect.AwsError("ValidationError", 400, () => CreateUser(new string('u', 65)));
        await Expect.AwsError("ValidationError", 400, () => _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = new string('r', 65), AssumeRolePolicyDocument = Expect.Trust("\"*\"") }, None));
        await _iam.CreateGroupAsync(new string('g', 128), null, None);
        await Expect.AwsError("ValidationError", 400, () => _iam.CreateGroupAsync(new string('g', 129), null, None));
        await Expect.AwsError("ValidationError", 400, () => _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = new string('p', 129), PolicyDocument = Expect.Statement("Allow", "s3:*") }, None));
        await Expect.AwsError("ValidationError", 400, () => _iam.CreateInstanceProfileAsync("bad profile", null, Array.Empty<IamTag>(), None));
    }

    [Theory]
    [InlineData("no-slashes")]
    [InlineData("/missing-trailing")]
    [InlineData("/has space/")]
    public async Task Path_outside_the_pattern_is_ValidationError(string path)
    {
        await Expect.AwsError("ValidationError", 400, () => CreateUser("alice", path));
    }

    [Fact]
    public async Task Managed_policy_path_with_characters_only_entity_paths_allow_is_InvalidInput()
    {
        await Expect.AwsError("InvalidInput", 400, () => _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p", Path = "/a~b/", PolicyDocument = Expect.Statement("Allow", "s3:*") }, None));
    }

    [Fact]
    public async Task Names_are_unique_ignoring_case()
    {
        await CreateUser("Admins2");
        await Expect.AwsError("EntityAlreadyExists", 409, () => CreateUser("ADMINS2"));
        await _iam.CreateGroupAsync("ops", null, None);
        await Expect.AwsError("EntityAlreadyExists", 409, () => _iam.CreateGroupAsync("OPS", null, None));
        await _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "Read", PolicyDocument = Expect.Statement("Allow", "s3:Get*") }, None);
        await Expect.AwsError("EntityAlreadyExists", 409, () => _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "read", Path = "/other/", PolicyDocument = Expect.Statement("Allow", "s3:Get*") }, None));
    }

    [Fact]
    public async Task Missing_entities_are_NoSuchEntity_404()
    {
        var error = await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetUserAsync("ghost", None));
        Assert.Equal(FailureKind.ObjectNotFound, error.Kind);
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetRoleAsync("ghost", None));
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetGroupAsync("ghost", None));
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetPolicyAsync("arn:aws:iam::111122223333:policy/ghost", None));
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetLoginProfileAsync("Administrator", None));
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.AttachPolicyAsync(IdentityKind.User, "Administrator", "arn:aws:iam::111122223333:policy/ghost", None));
    }

    [Fact]
    public async Task Account_alias_rules_pattern_digits_and_one_per_account()
    {
        await Expect.AwsError("ValidationError", 400, () => _iam.CreateAccountAliasAsync("Bad_Alias", None));
        await Expect.AwsError("ValidationError", 400, () => _iam.CreateAccountAliasAsync("double--dash", None));
        await Expect.AwsError("InvalidInput", 400, () => _iam.CreateAccountAliasAsync("123456789012", None));
        await _iam.CreateAccountAliasAsync("my-company", None);
        await Expect.AwsError("LimitExceeded", 409, () => _iam.CreateAccountAliasAsync("another-one", None));
        Assert.Equal(new[] { "my-company" }, await Expect.All(_iam.ListAccountAliasesAsync(None)));
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.DeleteAccountAliasAsync("another-one", None));
    }

    [Fact]
    public async Task A_user_can_be_in_at_most_10_groups()
    {
        await CreateUser("alice");
        for (var i = 0; i < 11; i++)
        {
            await _iam.CreateGroupAsync("g" + i, null, None);
        }

        for (var i = 0; i < 10; i++)
        {
            await _iam.AddUserToGroupAsync("g" + i, "alice", None);
        }

        var error = await Expect.AwsError("LimitExceeded", 409, () => _iam.AddUserToGroupAsync("g10", "alice", None));
        Assert.Equal(FailureKind.LimitsExceeded, error.Kind);
        Assert.Contains("GroupsPerUser: 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_can_have_at_most_10_managed_policies()
    {
        await CreateUser("alice");
        for (var i = 0; i < 11; i++)
        {
            var policy = await _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p" + i, PolicyDocument = Expect.Statement("Allow", "s3:GetObject") }, None);
            if (i < 10)
            {
                await _iam.AttachPolicyAsync(IdentityKind.User, "alice", policy.Arn, None);
            }
            else
            {
                await Expect.AwsError("LimitExceeded", 409, () => _iam.AttachPolicyAsync(IdentityKind.User, "alice", policy.Arn, None));
            }
        }

        Assert.Equal(10, (await Expect.All(_iam.ListAttachedPoliciesAsync(IdentityKind.User, "alice", None))).Count);
        _account.Quotas.ManagedPoliciesPerUser = 20;
        await _iam.AttachPolicyAsync(IdentityKind.User, "alice", "arn:aws:iam::aws:policy/ReadOnlyAccess", None);
        Assert.Equal(20, (await _iam.GetAccountSummaryAsync(None))["AttachedPoliciesPerUserQuota"]);
    }

    [Fact]
    public async Task A_user_can_have_at_most_2_access_keys()
    {
        await CreateUser("alice");
        await _iam.CreateAccessKeyAsync("alice", None);
        await _iam.CreateAccessKeyAsync("alice", None);
        var error = await Expect.AwsError("LimitExceeded", 409, () => _iam.CreateAccessKeyAsync("alice", None));
        Assert.Contains("Cannot exceed quota for AccessKeysPerUser: 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_managed_policy_can_have_at_most_5_versions_and_the_default_cannot_be_deleted()
    {
        var policy = await _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p", PolicyDocument = Expect.Statement("Allow", "s3:GetObject") }, None);
        for (var i = 2; i <= 5; i++)
        {
            var version = await _iam.CreatePolicyVersionAsync(policy.Arn, Expect.Statement("Allow", "s3:PutObject"), setAsDefault: i == 5, None);
            Assert.Equal("v" + i, version.VersionId);
        }

        await Expect.AwsError("LimitExceeded", 409, () => _iam.CreatePolicyVersionAsync(policy.Arn, Expect.Statement("Allow", "s3:*"), false, None));
        await Expect.AwsError("DeleteConflict", 409, () => _iam.DeletePolicyVersionAsync(policy.Arn, "v5", None));
        await _iam.DeletePolicyVersionAsync(policy.Arn, "v1", None);
        var next = await _iam.CreatePolicyVersionAsync(policy.Arn, Expect.Statement("Allow", "s3:*"), false, None);
        Assert.Equal("v6", next.VersionId);
        Assert.Equal("v5", (await _iam.GetPolicyAsync(policy.Arn, None)).DefaultVersionId);
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetPolicyVersionAsync(policy.Arn, "v1", None));
        await Expect.AwsError("ValidationError", 400, () => _iam.GetPolicyVersionAsync(policy.Arn, "version1", None));
    }

    [Fact]
    public async Task At_most_50_tags_with_keys_unique_ignoring_case()
    {
        var fifty = Enumerable.Range(0, 50).Select(i => new IamTag("k" + i, "v")).ToList();
        await CreateUser("alice", tags: fifty);
        await Expect.AwsError("LimitExceeded", 409, () => _iam.TagUserAsync("alice", new[] { new IamTag("one-more", "v") }, None));
        await _iam.TagUserAsync("alice", new[] { new IamTag("K0", "replaced") }, None);
        Assert.Contains(new IamTag("K0", "replaced"), (await _iam.GetUserAsync("alice", None)).Tags);
        await Expect.AwsError("LimitExceeded", 409, () => CreateUser("bob", tags: fifty.Append(new IamTag("k50", "v")).ToList()));
        await Expect.AwsError("InvalidInput", 400, () => CreateUser("carol", tags: new[] { new IamTag("a", "1"), new IamTag("A", "2") }));
        await Expect.AwsError("InvalidInput", 400, () => CreateUser("dave", tags: new[] { new IamTag("bad*key", "1") }));
    }

    [Fact]
    public async Task Inline_policy_size_counts_no_whitespace_outside_strings_and_has_a_limit_per_identity_kind()
    {
        await CreateUser("alice");
        await _iam.CreateGroupAsync("devs", null, None);
        await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "app", AssumeRolePolicyDocument = Expect.Trust("\"*\"") }, None);

        // About 3,000 counted characters: over a user's 2,048, under a group's 5,120.
        var big = Expect.Statement("Allow", "s3:GetObject", "arn:aws:s3:::" + new string('b', 2900));
        await Expect.AwsError("LimitExceeded", 409, () => _iam.PutInlinePolicyAsync(IdentityKind.User, "alice", "big", big, None));
        await _iam.PutInlinePolicyAsync(IdentityKind.Group, "devs", "big", big, None);

        // About 6,000: over a group's 5,120, under a role's 10,240.
        var bigger = Expect.Statement("Allow", "s3:GetObject", "arn:aws:s3:::" + new string('b', 5900));
        await Expect.AwsError("LimitExceeded", 409, () => _iam.PutInlinePolicyAsync(IdentityKind.Group, "devs", "bigger", bigger, None));
        await _iam.PutInlinePolicyAsync(IdentityKind.Role, "app", "bigger", bigger, None);

        // 1,900 counted characters padded with 10,000 spaces outside strings still fit a user.
        var padded = Expect.Statement("Allow", "s3:GetObject", "arn:aws:s3:::" + new string('b', 1800)).Replace(",", "," + new string(' ', 2500));
        await _iam.PutInlinePolicyAsync(IdentityKind.User, "alice", "padded", padded, None);
        Assert.Equal(padded, (await _iam.GetInlinePolicyAsync(IdentityKind.User, "alice", "padded", None)).PolicyDocument);
    }

    [Fact]
    public async Task Managed_policy_over_6144_and_trust_policy_over_2048_counted_characters_are_LimitExceeded()
    {
        var big = Expect.Statement("Allow", "s3:GetObject", "arn:aws:s3:::" + new string('b', 6100));
        await Expect.AwsError("LimitExceeded", 409, () => _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p", PolicyDocument = big }, None));
        var trust = Expect.Trust("{\"AWS\":[" + string.Join(",", Enumerable.Range(0, 150).Select(_ => "\"111122223333\"")) + "]}");
        await Expect.AwsError("LimitExceeded", 409, () => _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "r", AssumeRolePolicyDocument = trust }, None));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Action":"s3:*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"s3:*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Sid":"a-b","Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}""")]
    public async Task Malformed_identity_policy_is_MalformedPolicyDocument(string document)
    {
        var error = await Expect.AwsError("MalformedPolicyDocument", 400, () => _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p", PolicyDocument = document }, None));
        Assert.Equal(FailureKind.InvalidData, error.Kind);
        await Expect.AwsError("MalformedPolicyDocument", 400, () => _iam.PutInlinePolicyAsync(IdentityKind.User, "Administrator", "p", document, None));
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/nobody"},"Action":"sts:AssumeRole"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"not-an-arn"},"Action":"sts:AssumeRole"}]}""")]
    public async Task Malformed_trust_policy_is_MalformedPolicyDocument(string document)
    {
        await Expect.AwsError("MalformedPolicyDocument", 400, () => _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "r", AssumeRolePolicyDocument = document }, None));
    }

    [Fact]
    public async Task Policy_document_characters_outside_the_API_range_are_ValidationError()
    {
        await Expect.AwsError("ValidationError", 400, () => _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p", PolicyDocument = Expect.Statement("Allow", "s3:GetObject", "arn:aws:s3:::caf\u20ac") }, None));
    }

    [Fact]
    public async Task Login_profile_password_must_satisfy_the_account_password_policy()
    {
        await CreateUser("alice");
        await _iam.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { MinimumPasswordLength = 14, RequireSymbols = true, RequireNumbers = true, RequireUppercaseCharacters = true, RequireLowercaseCharacters = true }, None);
        var error = await Expect.AwsError("PasswordPolicyViolation", 400, () => _iam.CreateLoginProfileAsync("alice", "short", true, None));
        Assert.Equal(FailureKind.InvalidData, error.Kind);
        await Expect.AwsError("PasswordPolicyViolation", 400, () => _iam.CreateLoginProfileAsync("alice", "longenoughbutnosymbols1A", true, None));
        var profile = await _iam.CreateLoginProfileAsync("alice", "Correct-Horse-9-Battery", true, None);
        Assert.True(profile.PasswordResetRequired);
        await Expect.AwsError("EntityAlreadyExists", 409, () => _iam.CreateLoginProfileAsync("alice", "Correct-Horse-9-Battery", true, None));
        await Expect.AwsError("PasswordPolicyViolation", 400, () => _iam.UpdateLoginProfileAsync("alice", "weak", null, None));
        await _iam.UpdateLoginProfileAsync("alice", null, false, None);
        Assert.False((await _iam.GetLoginProfileAsync("alice", None)).PasswordResetRequired);
        Assert.True(_account.Iam.PasswordMatches("alice", "Correct-Horse-9-Battery"));
    }

    [Fact]
    public async Task Password_policy_has_no_partial_update_and_its_ranges_are_checked()
    {
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.GetAccountPasswordPolicyAsync(None));
        await _iam.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { MinimumPasswordLength = 20, MaxPasswordAge = 90 }, None);
        var policy = await _iam.GetAccountPasswordPolicyAsync(None);
        Assert.Equal(20, policy.MinimumPasswordLength);
        Assert.True(policy.ExpirePasswords);
        await _iam.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { RequireSymbols = true }, None);
        policy = await _iam.GetAccountPasswordPolicyAsync(None);
        Assert.Equal(6, policy.MinimumPasswordLength);
        Assert.Null(policy.MaxPasswordAge);
        await Expect.AwsError("ValidationError", 400, () => _iam.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { MinimumPasswordLength = 5 }, None));
        await Expect.AwsError("ValidationError", 400, () => _iam.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { PasswordReusePrevention = 25 }, None));
        await Expect.AwsError("ValidationError", 400, () => _iam.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { MaxPasswordAge = 1096 }, None));
    }

    [Fact]
    public void Deleting_what_is_still_in_use_is_DeleteConflict()
    {
        var iam = _account.Iam;
        iam.CreateUser(new CreateUserRequest { UserName = "alice" });
        iam.CreateAccessKey(null, "alice");
        Assert.Equal("DeleteConflict", Assert.Throws<ServiceError>(() => iam.DeleteUser("alice")).Code);
        iam.CreateGroup("devs", null);
        iam.AddUserToGroup("devs", "Administrator");
        Assert.Equal("DeleteConflict", Assert.Throws<ServiceError>(() => iam.DeleteGroup("devs")).Code);
        iam.CreateRole(new CreateRoleRequest { RoleName = "app", AssumeRolePolicyDocument = Expect.Trust("\"*\"") });
        iam.CreateInstanceProfile("web", null, Array.Empty<IamTag>());
        iam.AddRoleToInstanceProfile("web", "app");
        Assert.Equal("DeleteConflict", Assert.Throws<ServiceError>(() => iam.DeleteRole("app")).Code);
        Assert.Equal("DeleteConflict", Assert.Throws<ServiceError>(() => iam.DeleteInstanceProfile("web")).Code);
        var policy = iam.CreatePolicy(new CreatePolicyRequest { PolicyName = "p", PolicyDocument = Expect.Statement("Allow", "s3:*") });
        iam.AttachPolicy(IdentityKind.User, "Administrator", policy.Arn);
        var error = Assert.Throws<ServiceError>(() => iam.DeletePolicy(policy.Arn));
        Assert.Equal(("DeleteConflict", 409), (error.Code, error.Status));
        iam.DetachPolicy(IdentityKind.User, "Administrator", policy.Arn);
        iam.DeletePolicy(policy.Arn);
        Assert.Equal("NoSuchEntity", Assert.Throws<ServiceError>(() => iam.GetPolicy(policy.Arn)).Code);
    }

    [Fact]
    public async Task An_instance_profile_holds_one_role()
    {
        await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "a", AssumeRolePolicyDocument = Expect.Trust("{\"Service\":\"ec2.amazonaws.com\"}") }, None);
        await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "b", AssumeRolePolicyDocument = Expect.Trust("{\"Service\":\"ec2.amazonaws.com\"}") }, None);
        await _iam.CreateInstanceProfileAsync("web", null, Array.Empty<IamTag>(), None);
        await _iam.AddRoleToInstanceProfileAsync("web", "a", None);
        await Expect.AwsError("EntityAlreadyExists", 409, () => _iam.AddRoleToInstanceProfileAsync("web", "a", None));
        await Expect.AwsError("LimitExceeded", 409, () => _iam.AddRoleToInstanceProfileAsync("web", "b", None));
        var profiles = await Expect.All(_iam.ListInstanceProfilesForRoleAsync("a", None));
        Assert.Equal("a", Assert.Single(Assert.Single(profiles).Roles).RoleName);
    }

    [Fact]
    public async Task Role_max_session_duration_is_3600_to_43200()
    {
        await Expect.AwsError("ValidationError", 400, () => _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "r", AssumeRolePolicyDocument = Expect.Trust("\"*\""), MaxSessionDuration = 43201 }, None));
        await Expect.AwsError("ValidationError", 400, () => _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "r", AssumeRolePolicyDocument = Expect.Trust("\"*\""), MaxSessionDuration = 3599 }, None));
        var role = await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "r", AssumeRolePolicyDocument = Expect.Trust("\"*\""), MaxSessionDuration = 43200 }, None);
        Assert.Equal(43200, role.MaxSessionDuration);
    }

    [Fact]
    public async Task Permissions_boundary_must_exist_and_is_counted()
    {
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice", PermissionsBoundaryArn = "arn:aws:iam::111122223333:policy/none" }, None));
        var boundary = await _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "boundary", PolicyDocument = Expect.Statement("Allow", "s3:*") }, None);
        var user = await _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice", PermissionsBoundaryArn = boundary.Arn }, None);
        Assert.Equal(boundary.Arn, user.PermissionsBoundaryArn);
        Assert.Equal(1, (await _iam.GetPolicyAsync(boundary.Arn, None)).PermissionsBoundaryUsageCount);
    }

    [Fact]
    public async Task AWS_managed_policies_are_present_with_their_documents_and_count_attachments()
    {
        var names = new[] { "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "IAMUserChangePassword", "AmazonEC2FullAccess", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "AmazonRDSFullAccess" };
        foreach (var name in names)
        {
            var policy = await _iam.GetPolicyAsync("arn:aws:iam::aws:policy/" + name, None);
            var version = await _iam.GetPolicyVersionAsync(policy.Arn, policy.DefaultVersionId, None);
            Assert.Contains("\"Statement\"", version.Document, StringComparison.Ordinal);
            Assert.StartsWith("ANPA", policy.PolicyId, StringComparison.Ordinal);
        }

        var admin = await _iam.GetPolicyVersionAsync(ManagedArn("AdministratorAccess"), "v1", None);
        Assert.Contains("\"Action\":\"*\"", admin.Document, StringComparison.Ordinal);
        var power = await _iam.GetPolicyVersionAsync(ManagedArn("PowerUserAccess"), "v12", None);
        Assert.Contains("\"NotAction\":[\"iam:*\",\"organizations:*\",\"account:*\"]", power.Document, StringComparison.Ordinal);
        Assert.Equal(1, (await _iam.GetPolicyAsync(ManagedArn("AdministratorAccess"), None)).AttachmentCount);
        await _iam.AttachPolicyAsync(IdentityKind.User, "Administrator", ManagedArn("ReadOnlyAccess"), None);
        Assert.Equal(1, (await _iam.GetPolicyAsync(ManagedArn("ReadOnlyAccess"), None)).AttachmentCount);
        var error = await Expect.AwsError("AccessDenied", 403, () => _iam.CreatePolicyVersionAsync(ManagedArn("ReadOnlyAccess"), Expect.Statement("Allow", "*"), true, None));
        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
    }

    [Fact]
    public async Task Account_summary_counts_entities_and_reports_quotas()
    {
        await CreateUser("alice");
        await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "r", AssumeRolePolicyDocument = Expect.Trust("\"*\"") }, None);
        var summary = await _iam.GetAccountSummaryAsync(None);
        Assert.Equal(2, summary["Users"]);
        Assert.Equal(1, summary["Roles"]);
        Assert.Equal(0, summary["Groups"]);
        Assert.Equal(5000, summary["UsersQuota"]);
        Assert.Equal(10, summary["GroupsPerUserQuota"]);
        Assert.Equal(2, summary["AccessKeysPerUserQuota"]);
        Assert.Equal(0, summary["AccountAccessKeysPresent"]);
    }

    [Fact]
    public async Task Credential_report_is_not_present_until_generated_then_lists_every_user()
    {
        await Expect.AwsError("ReportNotPresent", 410, () => _iam.GetCredentialReportAsync(None));
        Assert.Equal(CredentialReportState.Started, await _iam.GenerateCredentialReportAsync(None));
        Assert.Equal(CredentialReportState.Complete, await _iam.GenerateCredentialReportAsync(None));
        var report = await _iam.GetCredentialReportAsync(None);
        var lines = report.Content.TrimEnd('\n').Split('\n');
        Assert.StartsWith("user,arn,user_creation_time,password_enabled", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("<root_account>,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Administrator,arn:aws:iam::111122223333:user/Administrator,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_details_return_users_groups_roles_and_attached_policies_with_versions()
    {
        await CreateUser("alice");
        await _iam.PutInlinePolicyAsync(IdentityKind.User, "alice", "inline", Expect.Statement("Allow", "s3:GetObject"), None);
        var details = await _iam.GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter.All, None);
        var alice = details.Users.Single(u => u.User.UserName == "alice");
        Assert.Equal("inline", Assert.Single(alice.InlinePolicies).PolicyName);
        Assert.Contains(details.Policies, p => p.Policy.PolicyName == "AdministratorAccess" && p.Versions.Count == 1);
        var onlyUsers = await _iam.GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter.User, None);
        Assert.Empty(onlyUsers.Groups);
        Assert.Empty(onlyUsers.Policies);
    }

    [Fact]
    public async Task Access_keys_can_be_deactivated_listed_and_deleted()
    {
        await CreateUser("alice");
        var key = await _iam.CreateAccessKeyAsync("alice", None);
        await _iam.UpdateAccessKeyAsync("alice", key.AccessKeyId, AccessKeyStatus.Inactive, None);
        var listed = Assert.Single(await Expect.All(_iam.ListAccessKeysAsync("alice", None)));
        Assert.Equal(AccessKeyStatus.Inactive, listed.Status);
        await _iam.DeleteAccessKeyAsync("alice", key.AccessKeyId, None);
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.DeleteAccessKeyAsync("alice", key.AccessKeyId, None));
        await Expect.AwsError("NoSuchEntity", 404, () => Expect.All(_iam.ListAccessKeysAsync("ghost", None)));
    }

    [Fact]
    public async Task Account_quotas_on_users_roles_groups_policies_and_instance_profiles_are_LimitExceeded()
    {
        _account.Quotas.Users = 2;
        _account.Quotas.Roles = 1;
        _account.Quotas.Groups = 1;
        _account.Quotas.Policies = 1;
        _account.Quotas.InstanceProfiles = 1;
        await CreateUser("alice");
        var error = await Expect.AwsError("LimitExceeded", 409, () => CreateUser("bob"));
        Assert.Contains("UsersPerAccount: 2", error.Message, StringComparison.Ordinal);
        await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "r1", AssumeRolePolicyDocument = Expect.Trust("\"*\"") }, None);
        await Expect.AwsError("LimitExceeded", 409, () => _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "r2", AssumeRolePolicyDocument = Expect.Trust("\"*\"") }, None));
        await _iam.CreateGroupAsync("g1", null, None);
        await Expect.AwsError("LimitExceeded", 409, () => _iam.CreateGroupAsync("g2", null, None));
        await _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p1", PolicyDocument = Expect.Statement("Allow", "s3:*") }, None);
        await Expect.AwsError("LimitExceeded", 409, () => _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "p2", PolicyDocument = Expect.Statement("Allow", "s3:*") }, None));
        await _iam.CreateInstanceProfileAsync("i1", null, Array.Empty<IamTag>(), None);
        await Expect.AwsError("LimitExceeded", 409, () => _iam.CreateInstanceProfileAsync("i2", null, Array.Empty<IamTag>(), None));
        Assert.Equal(2, (await _iam.GetAccountSummaryAsync(None))["UsersQuota"]);
    }

    private static string ManagedArn(string name) => "arn:aws:iam::aws:policy/" + name;
}
