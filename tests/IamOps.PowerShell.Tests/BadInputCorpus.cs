namespace IamOps.PowerShell.Tests;

/// <summary>One bad input: a command line and the error id (before the comma of FullyQualifiedErrorId) it must give.</summary>
public sealed record BadInput(string Cmdlet, string Line, string ErrorId)
{
    public override string ToString() => Line;
}

/// <summary>
/// Bad input for every cmdlet: names, ARNs, policies, CSV-shaped rows, paths, durations, session names, tags, parameter
/// combinations and connection parameters. Lines may use the runspace variables the corpus test sets: $temp (a folder),
/// $existing (a file), $badJson (a file of broken JSON), $credentials (a credentials file with profile 'dev'), $aliceKey
/// (alice's access key id, in the sandbox),
/// $endpoint (an IamOps simulator served over HTTP, outside the sandbox only).
/// </summary>
public static class BadInputCorpus
{
    private const string AddDev = "Add-IamDeveloper";
    private const string Baseline = "New-IamAdminBaseline";
    private const string Grant = "Grant-IamBucketAccess";
    private const string Revoke = "Revoke-IamBucketAccess";
    private const string Assume = "Invoke-IamRoleAssume";
    private const string GrantRole = "Grant-IamRoleAssume";
    private const string TestPolicy = "Test-IamPolicy";
    private const string RemoveDev = "Remove-IamDeveloper";
    private const string RevokeRole = "Revoke-IamRoleAssume";
    private const string Sandbox = "Enter-IamSandbox";
    private const string Caller = "Get-IamCallerIdentity";
    private const string SessionToken = "Get-IamSessionToken";
    private const string MfaCode = "Get-IamMfaCode";
    private const string CredentialReport = "Get-IamCredentialReport";
    private const string AddProvider = "Add-IamIdentityProvider";
    private const string InAccount = "Invoke-IamInAccount";
    private const string OrgAccounts = "Get-IamOrganizationAccount";
    private const string Stale = "Disable-IamStaleCredential";
    private const string SecurityReport = "Get-IamSecurityReport";
    private const string LastAccessed = "Get-IamLastAccessed";
    private const string LeastPrivilege = "New-IamLeastPrivilegePolicy";
    private const string AllowAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /// <summary>A valid command line of every cmdlet that connects, for cases about the connection parameters alone.</summary>
    private static readonly (string Cmdlet, string Arguments)[] ConnectingCommands =
    {
        (Caller, string.Empty), (AddDev, "-UserName newbie"), (Baseline, "-AdminUserName alice"), (Grant, "-UserName alice -BucketName acme-reports"),
        (Revoke, "-UserName alice -BucketName acme-reports"), (Assume, "-RoleName deploy"), (TestPolicy, "-UserName alice -Action s3:GetObject"),
        (GrantRole, "-RoleName app -UserName alice"), (SessionToken, "-SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -TokenCode 123456"),
        (RemoveDev, "-UserName newbie -Confirm:$false"), (RevokeRole, "-RoleName app -UserName alice -Confirm:$false"), (AddProvider, "-GitHub"),
        (Stale, "-UserName alice -Confirm:$false"),
        (SecurityReport, string.Empty),
    };

    /// <summary>Cases run in a sandbox that holds user alice (group Developers), role deploy (maximum one hour) and bucket acme-reports.</summary>
    public static IReadOnlyList<BadInput> InSandbox { get; } = BuildInSandbox();

    /// <summary>Connection parameters that need AWS-style resolution: run outside the sandbox, against $endpoint.</summary>
    public static IReadOnlyList<BadInput> OutsideSandbox { get; } = BuildOutsideSandbox();

    private static IReadOnlyList<BadInput> BuildInSandbox()
    {
        var cases = new List<BadInput>();
        void Add(string cmdlet, string arguments, string errorId) => cases.Add(new BadInput(cmdlet, cmdlet + " " + arguments, errorId));
        void Pipe(string cmdlet, string input, string arguments, string errorId) => cases.Add(new BadInput(cmdlet, input + " | " + cmdlet + " " + arguments, errorId));
        static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        static string Policy(string statement) => Quote("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");

        // Add-IamDeveloper: user names.
        foreach (var name in new[] { "bad name", new string('u', 65), "ali/ce", "ali:ce", "ali#ce", "ali*", "jöhn", "名前", "tab\tname", "a;b", "\"quoted\"", "ali\u00a0ce" })
        {
            Add(AddDev, "-UserName " + Quote(name), "UserNameInvalid");
        }

        Add(AddDev, "-UserName ''", "UserNameInvalid");
        Add(AddDev, "-UserName $null", "ParameterArgumentValidationErrorNullNotAllowed");

        // Groups, paths, tags, ARNs.
        foreach (var group in new[] { "bad group", new string('g', 129), "dev/ops", "Developers;bad group", "ops#1", "grüppe" })
        {
            Add(AddDev, "-UserName newbie -GroupName " + Quote(group), "GroupNameInvalid");
        }

        foreach (var path in new[] { "engineering", "/engineering", "engineering/", "/a b/", "/" + new string('p', 511) + "/", "//", "/é/" })
        {
            Add(AddDev, "-UserName newbie -Path " + Quote(path), "PathInvalid");
        }

        foreach (var tag in new[] { "novalue", "aws:owner=x", "=v", "k=v;K=w", new string('k', 129) + "=v", "k=" + new string('v', 257), "bad#key=v", "k=bad#value" })
        {
            Add(AddDev, "-UserName newbie -Tag " + Quote(tag), "TagInvalid");
        }

        Add(AddDev, "-UserName newbie -Tag 42", "TagInvalid");
        Add(AddDev, "-UserName newbie -Tag @{ 'bad#key' = 'v' }", "TagInvalid");
        Add(AddDev, "-UserName newbie -Tag ((1..51 | ForEach-Object { \"k$_=v\" }) -join ';')", "TagLimitExceeded");
        foreach (var arn in new[] { "not-an-arn", "arn:aws:iam::123:policy/x", "arn:aws:s3:::bucket", "arn:aws:iam::123456789012:role/x", "arn:aws:iam::123456789012:policy/" })
        {
            Add(AddDev, "-UserName newbie -PermissionsBoundary " + Quote(arn), "PolicyArnInvalid");
        }

        Add(AddDev, "-UserName newbie -CreateMissingGroup -GroupPolicyArn PowerUserAccess", "PolicyArnInvalid");
        Add(AddDev, "-UserName newbie -GroupPolicyArn arn:aws:iam::aws:policy/PowerUserAccess", "GroupPolicyWithoutCreate");

        // Impossible combinations and limits.
        Add(AddDev, "-UserName newbie -DeleteOldAccessKey", "DeleteOldAccessKeyWithoutRotate");
        Add(AddDev, "-UserName newbie -ResetPassword -NoConsoleAccess", "ResetPasswordWithoutConsole");
        Add(AddDev, "-UserName newbie -ConsoleAccess -NoConsoleAccess", "ConsoleAccessConflict");
        Add(AddDev, "-UserName newbie -DeactivateAccessKey 'not a key'", "AccessKeyIdInvalid");
        Add(AddDev, "-UserName newbie -RotateAccessKey -DeleteAccessKey AKIAIOSFODNN7EXAMPLE", "AccessKeyOptionsConflict");
        Add(AddDev, "-UserName alice -DeactivateAccessKey AKIAIOSFODNN7EXAMPLE", "AccessKeyNotFound");
        Add(AddDev, "-UserName newbie -ThrottleLimit 0", "ParameterArgumentValidationError");
        Add(AddDev, "-UserName newbie -ThrottleLimit 65", "ParameterArgumentValidationError");
        Add(AddDev, "-UserName newbie -ThrottleLimit lots", "CannotConvertArgumentNoMessage");
        Add(AddDev, "-UserName newbie -CredentialFile \"$temp/missing/creds.csv\"", "CredentialFileInvalid");
        Add(AddDev, "-UserName newbie -CredentialFile $temp", "CredentialFileInvalid");
        Add(AddDev, "-UserName newbie -GroupName NoSuchGroup", "GroupNotFound");
        Add(AddDev, "-UserName newbie -Nope", "NamedParameterNotFound");
        Pipe(AddDev, "@()", string.Empty, "NoDevelopers");
        Pipe(AddDev, "'dupe', 'DUPE'", "-CreateMissingGroup -WhatIf", "UserNameDuplicate");

        // CSV-shaped rows (Import-Csv makes objects whose properties are all text).
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'bad user'; GroupName = 'Developers' }", string.Empty, "UserNameInvalid");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row1'; GroupName = 'Developers;bad group' }", string.Empty, "GroupNameInvalid");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row2'; Tag = 'novalue' }", string.Empty, "TagInvalid");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row3'; Path = 'engineering' }", string.Empty, "PathInvalid");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row4'; PermissionsBoundary = 'DevBoundary' }", string.Empty, "PolicyArnInvalid");
        Pipe(AddDev, "[pscustomobject]@{ UserName = ''; GroupName = 'Developers' }", string.Empty, "UserNameInvalid");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row13'; ConsoleAccess = 'true'; NoConsoleAccess = 'true' }", string.Empty, "ConsoleAccessConflict");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row5'; ProgrammaticAccess = 'maybe' }", string.Empty, "ParameterArgumentTransformationError");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row6'; NoConsoleAccess = 'sometimes' }", string.Empty, "ParameterArgumentTransformationError");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row7'; NoConsoleAccess = 'true'; ResetPassword = 'true' }", string.Empty, "ResetPasswordWithoutConsole");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row8'; DeleteOldAccessKey = 'yes' }", string.Empty, "DeleteOldAccessKeyWithoutRotate");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row9'; CreateMissingGroup = 'false'; GroupPolicyArn = 'arn:aws:iam::aws:policy/PowerUserAccess' }", string.Empty, "GroupPolicyWithoutCreate");
        Pipe(AddDev, "[pscustomobject]@{ UserName = 'row10'; GroupName = 'Developers'; Tag = ((1..51 | ForEach-Object { \"k$_=v\" }) -join ';') }", string.Empty, "TagLimitExceeded");
        Pipe(AddDev, "@([pscustomobject]@{ UserName = 'x y' }, [pscustomobject]@{ UserName = 'row11'; Tag = 'aws:x=1' }, [pscustomobject]@{ UserName = 'row12'; Path = '/a b/' })", string.Empty, "UserNameInvalid");
        Pipe(AddDev, "[pscustomobject]@{ Email = 'dana@example.com' }", string.Empty, "UserNameInvalid");

        // New-IamAdminBaseline.
        foreach (var alias in new[] { "Bad_Alias", "-leading", "trailing-", "ab", new string('a', 64), "123456789012", "double--hyphen", "UPPER", "with space", "dot.ted" })
        {
            Add(Baseline, "-AccountAlias " + Quote(alias), "AccountAliasInvalid");
        }

        foreach (var admin in new[] { "not valid", new string('a', 65), "x/y", "ädmin" })
        {
            Add(Baseline, "-AdminUserName " + Quote(admin), "UserNameInvalid");
        }

        Add(Baseline, "-AdminUserName alice, ALICE", "AdminUserNameDuplicate");
        Add(Baseline, "-AdminGroupName 'bad group'", "GroupNameInvalid");
        Add(Baseline, "-AdminGroupName ('g' * 129)", "GroupNameInvalid");
        Add(Baseline, "-PasswordPolicy @{ MinimumPasswordLenght = 20 }", "PasswordPolicyKeyUnknown");
        Add(Baseline, "-PasswordPolicy 'strict'", "PasswordPolicyInvalid");
        foreach (var setting in new[] { "MinimumPasswordLength = 5", "MinimumPasswordLength = 129", "MinimumPasswordLength = 'abc'", "MaxPasswordAge = 0", "MaxPasswordAge = 1096", "PasswordReusePrevention = 25", "PasswordReusePrevention = -1", "RequireSymbols = 'maybe'", "HardExpiry = 2" })
        {
            Add(Baseline, "-PasswordPolicy @{ " + setting + " }", "PasswordPolicyValueInvalid");
        }

        Add(Baseline, "-AdminUserName alice -EnableVirtualMfa -MfaCode 123456", "MfaCodeInvalid");
        Add(Baseline, "-AdminUserName alice -EnableVirtualMfa -MfaCode 12345, 654321", "MfaCodeInvalid");
        Add(Baseline, "-AdminUserName alice -EnableVirtualMfa -MfaCode abcdef, 123456", "MfaCodeInvalid");
        Add(Baseline, "-AdminUserName alice -MfaCode 123456, 654321", "MfaCodeWithoutDevice");
        Add(Baseline, "-AdminUserName alice, bob -EnableVirtualMfa -MfaCode 123456, 654321", "MfaCodeWithoutDevice");
        Add(Baseline, "-AdminUserName alice -CredentialFile $existing", "CredentialFileExists");
        Add(Baseline, "-AdminUserName alice -CredentialFile \"$temp/missing/creds.csv\"", "CredentialFileInvalid");
        Add(Baseline, "-AdminUserName alice -CredentialFile $temp", "CredentialFileInvalid");
        Add(Baseline, "-AdminUserName alice -EnableVirtualMfa -MfaQrCodePath \"$temp/missing/qr.png\"", "MfaQrCodePathInvalid");
        Add(Baseline, "-AdminUserName alice -EnableVirtualMfa -MfaQrCodePath $existing", "MfaQrCodeFileExists");
        Add(Baseline, "-AdminUserName alice -MfaQrCodePath \"$temp/qr.png\"", "MfaQrCodeWithoutDevice");

        // Grant-IamBucketAccess: bucket names, prefixes, targets, trust, KMS, combinations.
        foreach (var bucket in new[] { "Acme-Reports", "acme_reports", "10.0.0.1", new string('b', 64), "ab", "acme..reports", "-acme", "acme-", "xn--acme", "acme-s3alias", "acme.-x", "sthree-acme", "acme--ol-s3", "acme reports" })
        {
            Add(Grant, "-UserName alice -BucketName " + Quote(bucket), "BucketNameInvalid");
        }

        foreach (var prefix in new[] { "reports/*", "a?b", new string('p', 1100) })
        {
            Add(Grant, "-UserName alice -BucketName acme-reports -Prefix " + Quote(prefix), "PrefixInvalid");
        }

        Add(Grant, "-UserName 'bad user' -BucketName acme-reports", "UserNameInvalid");
        Add(Grant, "-GroupName 'bad group' -BucketName acme-reports", "GroupNameInvalid");
        Add(Grant, "-RoleName 'bad role' -BucketName acme-reports", "RoleNameInvalid");
        Add(Grant, "-RoleName ('r' * 65) -TrustService ec2.amazonaws.com -BucketName acme-reports", "RoleNameInvalid");
        Add(Grant, "-UserName ghost -BucketName acme-reports", "TargetNotFound");
        Add(Grant, "-GroupName ghosts -BucketName acme-reports", "TargetNotFound");
        Add(Grant, "-RoleName ghost -BucketName acme-reports", "TargetNotFound");
        foreach (var service in new[] { "ec2", "ec2.amazon.com", "arn:aws:iam::123456789012:root", "ec2.amazonaws.com.evil.example", "*" })
        {
            Add(Grant, "-RoleName app -TrustService " + Quote(service) + " -BucketName acme-reports", "ServicePrincipalInvalid");
        }

        Add(Grant, "-UserName alice -TrustService ec2.amazonaws.com -BucketName acme-reports", "AmbiguousParameterSet");
        foreach (var key in new[] { "alias/reports", "arn:aws:kms:us-east-1:123:key/x", "1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms::123456789012:key/abc" })
        {
            Add(Grant, "-UserName alice -BucketName acme-reports -KmsKeyArn " + Quote(key), "KmsKeyArnInvalid");
        }

        Add(Grant, "-UserName alice -BucketName acme-reports -KmsKeyArn 'arn:aws-cn:kms:cn-north-1:123456789012:key/abc'", "KmsKeyPartitionMismatch");
        Add(Grant, "-UserName alice -BucketName acme-reports -Access List -AllowDelete", "ListAccessWithObjectOptions");
        Add(Grant, "-UserName alice -BucketName acme-reports -Access List -KmsKeyArn 'arn:aws:kms:us-east-1:123456789012:key/abc'", "ListAccessWithObjectOptions");
        Add(Grant, "-UserName alice -BucketName acme-reports -Access Everything", "ParameterArgumentTransformationError");
        Add(Grant, "-UserName alice -BucketName not-there-yet -Strict", "BucketNotFound");
        Pipe(Grant, "[pscustomobject]@{ UserName = 'alice'; BucketName = 'Bad_Bucket' }", string.Empty, "BucketNameInvalid");
        Pipe(Grant, "[pscustomobject]@{ RoleName = 'bad role'; BucketName = 'acme-reports' }", string.Empty, "RoleNameInvalid");
        Pipe(Grant, "[pscustomobject]@{ UserName = 'alice'; BucketName = 'acme-reports'; Access = 'Everything' }", string.Empty, "ParameterArgumentTransformationError");
        Pipe(Grant, "[pscustomobject]@{ UserName = 'alice'; BucketName = 'acme-reports'; Access = 'List'; AllowDelete = 'true' }", string.Empty, "ListAccessWithObjectOptions");
        Pipe(Grant, "[pscustomobject]@{ UserName = 'alice'; BucketName = 'acme-reports'; AllowDelete = 'perhaps' }", string.Empty, "ParameterArgumentTransformationError");

        // Revoke-IamBucketAccess.
        foreach (var bucket in new[] { "Ops..Bucket", "UPPER", "a" })
        {
            Add(Revoke, "-GroupName Developers -BucketName " + Quote(bucket), "BucketNameInvalid");
        }

        Add(Revoke, "-GroupName Developers -BucketName acme-reports -Prefix 'a?'", "PrefixInvalid");
        Add(Revoke, "-GroupName Developers -BucketName acme-reports -Prefix 'logs/*'", "PrefixInvalid");
        Add(Revoke, "-UserName 'bad user' -BucketName acme-reports", "UserNameInvalid");
        Add(Revoke, "-RoleName ('r' * 65) -BucketName acme-reports", "RoleNameInvalid");
        Add(Revoke, "-UserName ghost -BucketName acme-reports", "TargetNotFound");
        Add(Revoke, "-InputObject 42", "CannotConvertArgumentNoMessage");
        Pipe(Revoke, "[pscustomobject]@{ GroupName = 'bad group'; BucketName = 'acme-reports' }", string.Empty, "GroupNameInvalid");

        // Add-IamIdentityProvider: issuer URLs, thumbprints, organization ids, SAML names and metadata.
        Add(AddProvider, "-Url http://token.actions.githubusercontent.com", "IdentityProviderUrlInvalid");
        Add(AddProvider, "-Url token.actions.githubusercontent.com", "IdentityProviderUrlInvalid");
        Add(AddProvider, "-Url https://issuer.example.com:8443", "IdentityProviderUrlInvalid");
        Add(AddProvider, "-Url 'https://issuer.example.com/?tenant=1'", "IdentityProviderUrlInvalid");
        Add(AddProvider, "-Url 'https://not a host'", "IdentityProviderUrlInvalid");
        Add(AddProvider, "-GitLab -Url ftp://gitlab.example.com", "IdentityProviderUrlInvalid");
        Add(AddProvider, "-GitHub -Thumbprint abc", "ThumbprintInvalid");
        Add(AddProvider, "-AzureDevOps -OrganizationId contoso", "OrganizationIdInvalid");
        Add(AddProvider, "-Name 'bad name' -SamlMetadataDocument '<x/>'", "SamlProviderNameInvalid");
        Add(AddProvider, "-Name Okta -SamlMetadataDocument '<not xml'", "SamlMetadataInvalid");
        Add(AddProvider, "-Name Okta -SamlMetadataDocument '<EntityDescriptor entityID=\"x\"/>'", "SamlMetadataInvalid");
        Add(AddProvider, "-Name Okta -SamlMetadataDocument \"$temp/missing-metadata.xml\"", "SamlMetadataNotFound");
        Add(AddProvider, "-Name Okta -SamlMetadataDocument $badJson", "SamlMetadataInvalid");
        Add(AddProvider, "-GitHub -GitLab", "AmbiguousParameterSet");

        // Grant-IamRoleAssume: names, grantees, services, conditions, policies, durations, instances, combinations.
        foreach (var role in new[] { "bad name", new string('r', 65), "röle" })
        {
            Add(GrantRole, "-RoleName " + Quote(role) + " -UserName alice", "RoleNameInvalid");
        }

        Add(GrantRole, "-RoleName deploy -GitHubRepository app", "GitHubRepositoryInvalid");
        Add(GrantRole, "-RoleName deploy -GitHubRepository '/app'", "GitHubRepositoryInvalid");
        Add(GrantRole, "-RoleName deploy -GitHubRepository acme/app -Branch main -Tag v1", "GitHubRefAmbiguous");
        Add(GrantRole, "-RoleName deploy -GitLabProject app", "GitLabProjectInvalid");
        Add(GrantRole, "-RoleName deploy -AzureDevOpsServiceConnection contoso/web -OrganizationId 6c0a8a5e-1f3b-4c8e-9d2a-0123456789ab", "ServiceConnectionInvalid");
        Add(GrantRole, "-RoleName deploy -AzureDevOpsServiceConnection contoso/web/aws -OrganizationId contoso", "OrganizationIdInvalid");
        Add(GrantRole, "-RoleName deploy -OidcProvider http://issuer.example.com -Subject x", "IdentityProviderUrlInvalid");
        Add(GrantRole, "-RoleName deploy -SamlProvider 'arn:aws:iam::123456789012:oidc-provider/x.example.com'", "SamlProviderInvalid");
        Add(GrantRole, "-RoleName deploy -GitHubRepository acme/app", "IdentityProviderNotFound");
        Add(GrantRole, "-RoleName app -UserName 'bad name'", "UserNameInvalid");
        Add(GrantRole, "-RoleName app -UserName ghost", "TargetNotFound");
        Add(GrantRole, "-RoleName app -GroupName 'bad group'", "GroupNameInvalid");
        Add(GrantRole, "-RoleName app -GroupName ghosts", "TargetNotFound");
        Add(GrantRole, "-RoleName app -AccountId 123", "AccountIdInvalid");
        Add(GrantRole, "-RoleName app -AccountId 'acct-prod'", "AccountIdInvalid");
        Add(GrantRole, "-RoleName app -Service 'not a service'", "ServicePrincipalInvalid");
        Add(GrantRole, "-RoleName app -Service ec2", "ServicePrincipalInvalid");
        Add(GrantRole, "-RoleName app -UserName alice -ExternalId 'a'", "ExternalIdInvalid");
        Add(GrantRole, "-RoleName app -UserName alice -ExternalId 'bad id!'", "ExternalIdInvalid");
        Add(GrantRole, "-RoleName app -UserName alice -PolicyArn ReadOnlyAccess", "PolicyArnInvalid");
        Add(GrantRole, "-RoleName app -UserName alice -PolicyArn 'arn:aws:iam::aws:policy/NoSuchPolicy'", "PolicyNotFound");
        Add(GrantRole, "-RoleName app -UserName alice -PolicyArn (1..21 | ForEach-Object { \"arn:aws:iam::aws:policy/P$_\" })", "PolicyArnLimitExceeded");
        Add(GrantRole, "-RoleName app -UserName alice -PolicyArn 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess'", "PolicyArnPartitionMismatch");
        Add(GrantRole, "-RoleName app -UserName alice -MaxSessionDuration 60", "MaxSessionDurationInvalid");
        Add(GrantRole, "-RoleName app -UserName alice -MaxSessionDuration 50000", "MaxSessionDurationInvalid");
        Add(GrantRole, "-RoleName app -UserName alice -MaxSessionDuration 'long'", "CannotConvertArgumentNoMessage");
        Add(GrantRole, "-RoleName app -Service ec2.amazonaws.com -InstanceId 'i-123'", "InstanceIdInvalid");
        Add(GrantRole, "-RoleName app -Service ec2.amazonaws.com -InstanceId 'i-0123456789abcdef0'", "InstanceNotFound");
        Add(GrantRole, "-RoleName app -Service lambda.amazonaws.com -InstanceId 'i-0123456789abcdef0'", "InstanceIdWithoutEc2");
        Add(GrantRole, "-RoleName app -Service ec2.amazonaws.com -UserName alice", "AmbiguousParameterSet");
        Add(GrantRole, "-RoleName app -Service ec2.amazonaws.com -RequireMfa", "AmbiguousParameterSet");
        Add(GrantRole, "-RoleName app -UserName alice -InstanceId 'i-0123456789abcdef0'", "AmbiguousParameterSet");
        Pipe(GrantRole, "[pscustomobject]@{ RoleName = 'app'; UserName = 'bad name' }", string.Empty, "UserNameInvalid");
        Pipe(GrantRole, "[pscustomobject]@{ RoleName = 'bad role'; UserName = 'alice' }", string.Empty, "RoleNameInvalid");

        // Remove-IamDeveloper: user names from the command line and from the pipeline (one bad row, the rest go on).
        foreach (var name in new[] { "bad name", new string('u', 65), "ali/ce", "ali:ce", "名前", "a;b" })
        {
            Add(RemoveDev, "-UserName " + Quote(name) + " -Confirm:$false", "UserNameInvalid");
        }

        Add(RemoveDev, "-UserName '' -Confirm:$false", "UserNameMissing");
        Add(RemoveDev, "-UserName $null -Confirm:$false", "ParameterArgumentValidationErrorNullNotAllowed");
        Add(RemoveDev, "-UserName alice -ThrottleLimit 0 -Confirm:$false", "ParameterArgumentValidationError");
        Pipe(RemoveDev, "[pscustomobject]@{ UserName = 'bad name' }", "-Confirm:$false", "UserNameInvalid");
        Pipe(RemoveDev, "'ghost', 'bad name'", "-Disable -Confirm:$false", "UserNameInvalid");

        // Get-IamOrganizationAccount: parent ids, statuses, -Recurse without a parent, and a sandbox that is no organization.
        Add(OrgAccounts, "-ParentId 'bad id'", "ParentIdInvalid");
        Add(OrgAccounts, "-ParentId ou-xyz", "ParentIdInvalid");
        Add(OrgAccounts, "-ParentId 123456789012", "ParentIdInvalid");
        Add(OrgAccounts, "-Recurse", "RecurseNeedsParentId");
        Add(OrgAccounts, "-Status CLOSED", "ParameterArgumentValidationError");
        Add(OrgAccounts, "-ParentId r-ab12", "AwsAWSOrganizationsNotInUse");
        Pipe(OrgAccounts, "[pscustomobject]@{ ParentId = 'root' }", string.Empty, "ParentIdInvalid");

        // Get-IamCredentialReport: a report's age must be positive.
        Add(CredentialReport, "-MaxAge 0", "MaxAgeInvalid");
        Add(CredentialReport, "-MaxAge '-01:00:00'", "MaxAgeInvalid");
        Add(CredentialReport, "-MaxAge ([timespan]::FromHours(-4)) -Refresh", "MaxAgeInvalid");

        // Disable-IamStaleCredential: thresholds, -Exclude, the credential file, user names (unknown: an error, no write).
        Add(Stale, "-Days 0 -Confirm:$false", "ParameterArgumentValidationError");
        Add(Stale, "-Days -5 -Confirm:$false", "ParameterArgumentValidationError");
        Add(Stale, "-MaxKeyAge 0 -Confirm:$false", "ParameterArgumentValidationError");
        Add(Stale, "-GracePeriod -1 -Confirm:$false", "ParameterArgumentValidationError");
        Add(Stale, "-GracePeriod 90 -Confirm:$false", "GracePeriodInvalid");
        Add(Stale, "-MaxKeyAge 30 -GracePeriod 45 -Confirm:$false", "GracePeriodInvalid");
        Add(Stale, "-Exclude '=true' -Confirm:$false", "ExcludeInvalid");
        Add(Stale, "-CredentialFile \"$temp/missing/keys.csv\" -Confirm:$false", "CredentialFileInvalid");
        Add(Stale, "-UserName ghost -Confirm:$false", "UserNotFound");
        Add(Stale, "-UserName 'bad name' -Confirm:$false", "UserNameInvalid");
        Pipe(Stale, "[pscustomobject]@{ UserName = 'ali/ce' }", "-Confirm:$false", "UserNameInvalid");
        // Get-IamSecurityReport: thresholds of at least a day; an -OutFile it can write, in a known format.
        Add(SecurityReport, "-Days 0", "DaysInvalid");
        Add(SecurityReport, "-Days -30", "DaysInvalid");
        Add(SecurityReport, "-MaxKeyAge 0", "MaxKeyAgeInvalid");
        Add(SecurityReport, "-CredentialReportMaxAge 0", "MaxAgeInvalid");
        Add(SecurityReport, "-OutFile \"$temp/missing/report.html\"", "OutFileFolderNotFound");
        Add(SecurityReport, "-OutFile \"$temp/report.txt\"", "OutFileFormatUnknown");
        Add(SecurityReport, "-OutFile $temp", "OutFileIsFolder");
        Add(SecurityReport, "-OutFile $existing -Format Html -NoClobber", "OutFileExists");
        Add(SecurityReport, "-OutFile ''", "ParameterArgumentValidationError");
        Add(SecurityReport, "-Format Pdf -OutFile \"$temp/r.html\"", "CannotConvertArgumentNoMessage");
        // Get-IamLastAccessed and New-IamLeastPrivilegePolicy: entities that do not exist, names, ARNs and windows.
        Add(LastAccessed, "-UserName ghost", "UserNotFound");
        Add(LastAccessed, "-RoleName ghost", "RoleNotFound");
        Add(LastAccessed, "-GroupName ghost", "GroupNotFound");
        Add(LastAccessed, "-PolicyArn arn:aws:iam::aws:policy/NoSuchPolicy", "PolicyNotFound");
        Add(LastAccessed, "-UserName 'bad name'", "UserNameInvalid");
        Add(LastAccessed, "-PolicyArn not-an-arn", "ArnInvalid");
        Add(LastAccessed, "-PolicyArn arn:aws:s3:::bucket", "ArnInvalid");
        Add(LastAccessed, "-UserName alice -Days 0", "ParameterArgumentValidationError");
        Add(LastAccessed, "-UserName alice -Days -5", "ParameterArgumentValidationError");
        Pipe(LastAccessed, "[pscustomobject]@{ UserName = 'ghost' }", string.Empty, "UserNotFound");
        Add(LeastPrivilege, "-RoleName ghost", "RoleNotFound");
        Add(LeastPrivilege, "-UserName 'bad name'", "UserNameInvalid");
        Add(LeastPrivilege, "-RoleName deploy -Days 0", "ParameterArgumentValidationError");
        Add(LeastPrivilege, "-RoleName deploy -Apply", "PolicyNameRequired");
        Add(LeastPrivilege, "-RoleName deploy -Apply -PolicyName 'bad name'", "PolicyNameInvalid");

        // Revoke-IamRoleAssume: the grant's parameter sets and checks.
        Add(RevokeRole, "-RoleName 'bad role' -UserName alice -Confirm:$false", "RoleNameInvalid");
        Add(RevokeRole, "-RoleName ('r' * 65) -RevokeSessions -Confirm:$false", "RoleNameInvalid");
        Add(RevokeRole, "-RoleName app -UserName 'bad name' -Confirm:$false", "UserNameInvalid");
        Add(RevokeRole, "-RoleName app -GroupName 'bad group' -Confirm:$false", "GroupNameInvalid");
        Add(RevokeRole, "-RoleName app -AccountId 123 -Confirm:$false", "AccountIdInvalid");
        Add(RevokeRole, "-RoleName app -Service ec2 -Confirm:$false", "ServicePrincipalInvalid");
        Add(RevokeRole, "-RoleName app -Service ec2.amazonaws.com -UserName alice -Confirm:$false", "AmbiguousParameterSet");
        Pipe(RevokeRole, "[pscustomobject]@{ RoleName = 'app'; UserName = 'bad name' }", "-Confirm:$false", "UserNameInvalid");

        // Invoke-IamInAccount: account ids and shapes, the role to assume, the throttle.
        foreach (var id in new[] { "123", "acct-prod", "1234567890123", "12345678901a" })
        {
            Add(InAccount, "-AccountId " + Quote(id) + " { 1 }", "AccountIdInvalid");
            Pipe(InAccount, Quote(id), "{ 1 }", "AccountIdInvalid");
        }

        Pipe(InAccount, "[pscustomobject]@{ Name = 'prod' }", "{ 1 }", "AccountIdMissing");
        Pipe(InAccount, "[pscustomobject]@{ Id = 'o-abc' }", "{ 1 }", "AccountIdInvalid");
        Add(InAccount, "-AccountId 123456789012 -RoleName 'bad name' { 1 }", "RoleNameInvalid");
        Add(InAccount, "-AccountId 123456789012 -ExternalId 'a' { 1 }", "ExternalIdInvalid");
        Add(InAccount, "-AccountId 123456789012 -DurationSeconds 60 { 1 }", "DurationOutOfRange");
        Add(InAccount, "-AccountId 123456789012 -RoleSessionName 'bad name!' { 1 }", "RoleSessionNameInvalid");
        Add(InAccount, "-AccountId 123456789012 -SerialNumber 'short' { 1 }", "SerialNumberInvalid");
        Add(InAccount, "-AccountId 123456789012 -ThrottleLimit 0 { 1 }", "ParameterArgumentValidationError");
        Add(InAccount, "-AccountId 123456789012 -ThrottleLimit 65 { 1 }", "ParameterArgumentValidationError");

        // Invoke-IamRoleAssume: ARNs, names, durations, MFA, tags, session policies, modes.
        foreach (var arn in new[] { "arn:aws:iam::1:role/x", "arn:aws:s3:::bucket/role/x", "not-an-arn", "arn:aws:iam::123456789012:user/x", "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role/bad name", "arn:aws:iam::123456789012:role/röle" })
        {
            Add(Assume, "-RoleArn " + Quote(arn), "RoleArnInvalid");
        }

        foreach (var role in new[] { "bad name", new string('r', 65), "röle", "role/x" })
        {
            Add(Assume, "-RoleName " + Quote(role), "RoleNameInvalid");
        }

        Add(Assume, "-RoleName deploy -AccountId 123", "AccountIdInvalid");
        Add(Assume, "-RoleName deploy -AccountId 'acct-prod'", "AccountIdInvalid");
        foreach (var session in new[] { "a", "bad name!", new string('s', 65), "sëssion", "semi;colon" })
        {
            Add(Assume, "-RoleName deploy -RoleSessionName " + Quote(session), "RoleSessionNameInvalid");
        }

        foreach (var duration in new[] { "899", "43201", "-1", "0" })
        {
            Add(Assume, "-RoleName deploy -DurationSeconds " + duration, "DurationOutOfRange");
        }

        Add(Assume, "-RoleName deploy -DurationSeconds 'an hour'", "CannotConvertArgumentNoMessage");
        Add(Assume, "-RoleName deploy -DurationSeconds 7200", "DurationAboveRoleMaximum");
        foreach (var externalId in new[] { "a", "bad id!", new string('x', 1225) })
        {
            Add(Assume, "-RoleName deploy -ExternalId " + Quote(externalId), "ExternalIdInvalid");
        }

        Add(Assume, "-RoleName deploy -SerialNumber 'short'", "SerialNumberInvalid");
        Add(Assume, "-RoleName deploy -TokenCode 123456", "SerialNumberMissing");
        Add(Assume, "-RoleName deploy -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -TokenCode 12345", "TokenCodeInvalid");
        Add(Assume, "-RoleName deploy -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -TokenCode 'abcdef'", "TokenCodeInvalid");
        Add(Assume, "-RoleName deploy -Tag (1..51 | ForEach-Object -Begin { $h = @{} } -Process { $h[\"k$_\"] = 'v' } -End { $h })", "TagLimitExceeded");
        Add(Assume, "-RoleName deploy -Tag @{ '' = 'v' }", "TagInvalid");
        Add(Assume, "-RoleName deploy -Tag @{ ('k' * 129) = 'v' }", "TagInvalid");
        Add(Assume, "-RoleName deploy -Tag @{ k = ('v' * 257) }", "TagInvalid");
        Add(Assume, "-RoleName deploy -Tag @{ 'bad#key' = 'v' }", "TagInvalid");
        Add(Assume, "-RoleName deploy -Tag @{ k = 'v' } -TransitiveTagKey other", "TransitiveTagKeyInvalid");
        Add(Assume, "-RoleName deploy -SourceIdentity 'aws:me'", "SourceIdentityInvalid");
        Add(Assume, "-RoleName deploy -SourceIdentity 'x'", "SourceIdentityInvalid");

        // Invoke-IamRoleAssume with a web identity or SAML assertion: checked before any call, the token never echoed.
        const string FederatedRole = "-RoleArn 'arn:aws:iam::123456789012:role/deploy'";
        foreach (var token in new[] { "not-a-jwt", "a.b", "..", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.sig", "eyJhbGciOiJSUzI1NiJ9.WzFd.sig" })
        {
            Add(Assume, FederatedRole + " -WebIdentityToken " + Quote(token), "WebIdentityTokenMalformed");
        }

        Add(Assume, FederatedRole + " -WebIdentityTokenFile \"$temp/no-such-token\"", "WebIdentityTokenFileUnreadable");
        Add(Assume, "-RoleArn 'not-an-arn' -WebIdentityToken 'x.y.z'", "RoleArnInvalid");
        Add(Assume, FederatedRole + " -WebIdentityToken 'x.y.z' -ExternalId abc", "AmbiguousParameterSet");
        Add(Assume, FederatedRole + " -SamlAssertion 'not base64!' -PrincipalArn 'arn:aws:iam::123456789012:saml-provider/Okta'", "SamlAssertionInvalid");
        Add(Assume, FederatedRole + " -SamlAssertion 'PGh0bWwvPg==' -PrincipalArn 'arn:aws:iam::123456789012:saml-provider/Okta'", "SamlAssertionInvalid");
        Add(Assume, FederatedRole + " -SamlAssertion 'PGh0bWwvPg==' -PrincipalArn 'Okta'", "SamlProviderArnInvalid");
        foreach (var url in new[] { "http://gitlab.example.com", "https://gitlab.example.com:8443", "gitlab.example.com", "https://gitlab.example.com/?x=1" })
        {
            Add(GrantRole, "-RoleName app -GitLabProject acme/app -GitLabUrl " + Quote(url), "IdentityProviderUrlInvalid");
        }
        Add(Assume, "-RoleName deploy -Policy '{bad'", "SessionPolicyInvalid");
        Add(Assume, "-RoleName deploy -Policy " + Policy("{\"Effect\":\"Maybe\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"), "SessionPolicyInvalid");
        Add(Assume, "-RoleName deploy -Policy ('{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::' + ('a' * 2100) + '\"}]}')", "SessionPolicyTooLarge");
        Add(Assume, "-RoleName deploy -PolicyArn 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'ReadOnlyAccess'", "PolicyArnInvalid");
        Add(Assume, "-RoleName deploy -PolicyArn (1..11 | ForEach-Object { \"arn:aws:iam::aws:policy/P$_\" })", "PolicyArnLimitExceeded");
        Add(Assume, "-RoleName deploy -ScriptBlock { 1 } -SetEnvironment", "ModeConflict");
        Add(Assume, "-RoleName deploy -SaveAsProfile 'bad name['", "ProfileNameInvalid");
        Add(Assume, "-RoleArn 'arn:aws:iam::123456789012:role/x' -RoleName y", "AmbiguousParameterSet");
        Add(Assume, "-RoleName ghost", "RoleNotFound");

        // Get-IamSessionToken and Get-IamMfaCode: MFA serials, codes, durations, modes, seeds.
        Add(SessionToken, "-SerialNumber 'short'", "SerialNumberInvalid");
        Add(SessionToken, "-TokenCode 123456", "SerialNumberMissing");
        Add(SessionToken, "-SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -TokenCode 12345", "TokenCodeInvalid");
        Add(SessionToken, "-SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -TokenCode 'abcdef'", "TokenCodeInvalid");
        foreach (var duration in new[] { "899", "129601" })
        {
            Add(SessionToken, "-DurationSeconds " + duration, "DurationOutOfRange");
        }

        Add(SessionToken, "-ScriptBlock { 1 } -SetEnvironment", "ModeConflict");
        Add(SessionToken, "-SaveAsProfile 'bad name['", "ProfileNameInvalid");
        Add(SessionToken, "-SerialNumber 'arn:aws:iam::123456789012:mfa/nobody' -TokenCode 123456", "MfaCodeRejected");
        Add(MfaCode, "-Seed 'not a seed!'", "MfaSeedInvalid");
        Add(MfaCode, "-OtpAuthUri 'otpauth://totp/x?issuer=y'", "MfaSeedInvalid");
        Add(MfaCode, "-OtpAuthUri 'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8'", "MfaSeedInvalid");
        Add(MfaCode, "-SeedFile \"$temp/no-such-seed.txt\"", "MfaSeedFileUnreadable");
        Add(MfaCode, "-SerialNumber 'arn:aws:iam::123456789012:mfa/nobody'", "MfaDeviceNotFound");
        Add(MfaCode, "-SerialNumber x -At 'yesterday-ish'", "CannotConvertArgumentNoMessage");

        // Test-IamPolicy: documents, files, actions, principals, names.
        foreach (var document in new[]
        {
            "'{bad'", "''", "'[]'", "'{}'", "'null'",
            Policy("{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}"),
            Policy("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"),
            Policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}"),
            Policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Principal\":\"*\"}"),
            Policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"NotAction\":\"s3:PutObject\",\"Resource\":\"*\"}"),
            Policy("{\"Effect\":\"Allow\",\"Action\":\"notaservice\",\"Resource\":\"*\"}"),
            Policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3\"}"),
            Policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"aws:username\":\"x\"}}}"),
            Policy("{\"Sid\":\"bad sid!\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
            "('{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::' + ('a' * 7000) + '/*\"}]}')",
        })
        {
            Add(TestPolicy, "-PolicyDocument " + document + " -FailOn Error", "PolicyCheckFailed");
        }

        Add(TestPolicy, "-PolicyDocument $null", "PolicyDocumentEmpty");
        Add(TestPolicy, "-PolicyDocument $null -Quiet", "PolicyDocumentEmpty");
        Add(TestPolicy, "-PolicyDocument @($null)", "PolicyDocumentEmpty");
        Add(TestPolicy, "-PolicyDocument @{ Statement = [System.IO.MemoryStream]::new() }", "PolicyDocumentUnserializable");
        Add(TestPolicy, "-Path \"$temp/missing.json\"", "PathNotFound");
        Add(TestPolicy, "-Path \"$temp/*.nothing\"", "PathNotFound");
        Add(TestPolicy, "-Path $temp", "PathIsDirectory");
        Add(TestPolicy, "-Path 'Env:\\PATH'", "PathNotFileSystem");
        Add(TestPolicy, "-Path $badJson -FailOn Error", "PolicyCheckFailed");
        Pipe(TestPolicy, "'{bad'", "-FailOn Error", "PathNotFound");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action 'zz:*'", "ActionPatternUnknown");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action 'GetObject'", "ActionNameInvalid");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action 's3:'", "ActionNameInvalid");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action 's3:Get Object'", "ActionNameInvalid");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action s3:GetObject -PrincipalArn 'not-an-arn'", "PrincipalArnInvalid");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action s3:GetObject -PrincipalArn 'arn:aws:s3:::bucket'", "PrincipalArnInvalid");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action s3:GetObject -PermissionsBoundary '{bad'", "PolicyDocumentMalformed");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action s3:GetObject -SessionPolicy '{bad'", "PolicyDocumentMalformed");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action s3:GetObject -ResourcePolicy '{bad'", "PolicyDocumentMalformed");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -Action s3:GetObject -ServiceControlPolicy '{bad'", "PolicyDocumentMalformed");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -PolicyType Bogus", "CannotConvertArgumentNoMessage");
        Add(TestPolicy, "-PolicyDocument " + Quote(AllowAll) + " -FailOn Bogus", "CannotConvertArgumentNoMessage");
        Add(TestPolicy, "-UserName ghost -Action s3:GetObject", "AwsNoSuchEntity");
        Add(TestPolicy, "-RoleName ghost -Action s3:GetObject", "AwsNoSuchEntity");
        Add(TestPolicy, "-UserName 'bad user' -Action s3:GetObject", "UserNameInvalid");
        Add(TestPolicy, "-GroupName 'bad group' -Action s3:GetObject", "GroupNameInvalid");
        Add(TestPolicy, "-RoleName ('r' * 65) -Action s3:GetObject", "RoleNameInvalid");
        Add(TestPolicy, "-UserName alice -Action 'zz:*'", "ActionPatternUnknown");

        // Enter-IamSandbox (a failed Enter leaves the current sandbox as it was).
        Add(Sandbox, "-AccountId 123", "ParameterArgumentValidationError");
        Add(Sandbox, "-BucketName 'Bad_Bucket'", "BucketNameInvalid");
        Add(Sandbox, "-BucketName 'ab'", "BucketNameInvalid");
        Add(Sandbox, "-InstanceId 'i-123'", "InstanceIdInvalid");
        Add(Sandbox, "-BucketName acme-new -BucketRegion 'moon'", "ParameterArgumentValidationError");
        Add(AddDev, "-UserName newbie -MfaCode 123456, 654321", "MfaCodeInvalid");
        Add(AddDev, "-UserName newbie -EnableVirtualMfa -MfaCode 123456", "MfaCodeInvalid");
        Add(Sandbox, "-AccountId abcdefghijkl", "ParameterArgumentValidationError");
        Add(Sandbox, "-Path \"$temp/missing/state.json\"", "SandboxPathInvalid");
        Add(Sandbox, "-Path $temp", "SandboxPathInvalid");
        Add(Sandbox, "-Path $existing", "SandboxStateInvalid");
        Add(Sandbox, "-Path $badJson", "SandboxStateInvalid");

        // Connection parameters: checked offline in the sandbox too, so a runbook that works here works in AWS.
        foreach (var (cmdlet, arguments) in ConnectingCommands)
        {
            Add(cmdlet, (arguments + " -Region 'moon-base-1'").Trim(), "RegionInvalid");
            Add(cmdlet, (arguments + " -EndpointUrl 'ftp://example.com'").Trim(), "EndpointUrlInvalid");
        }

        Add(Caller, "-Region 'us east 1'", "RegionInvalid");
        Add(Caller, "-Region ''", "RegionInvalid");
        Add(Caller, "-EndpointUrl 'not a url'", "EndpointUrlInvalid");
        Add(Caller, "-EndpointUrl '/relative/path'", "EndpointUrlInvalid");
        Add(Caller, "-AccessKey AKIAIOSFODNN7EXAMPLE", "AccessKeyIncomplete");
        Add(Caller, "-SecretKey 'only-a-secret'", "AccessKeyIncomplete");
        Add(Caller, "-Credential 42", "CredentialNotRecognized");
        Add(Caller, "-Credential @{ AccessKeyId = 'AKIAIOSFODNN7EXAMPLE' }", "CredentialNotRecognized");
        Add(Caller, "-AccessKey $aliceKey -SecretKey 'wrong'", "AwsSignatureDoesNotMatch");
        Add(Caller, "-AccessKey AKIANOSUCHKEY0000000 -SecretKey 'whatever'", "SandboxKeyNotIssued");
        Add(Grant, "-UserName alice -BucketName acme-reports -AccessKey AKIANOSUCHKEY0000000 -SecretKey 'whatever'", "SandboxKeyNotIssued");
        return cases;
    }

    private static IReadOnlyList<BadInput> BuildOutsideSandbox()
    {
        var cases = new List<BadInput>();
        void Add(string cmdlet, string arguments, string errorId) => cases.Add(new BadInput(cmdlet, cmdlet + " " + arguments + " -EndpointUrl $endpoint", errorId));
        foreach (var (cmdlet, arguments) in ConnectingCommands)
        {
            Add(cmdlet, (arguments + " -ProfileName nosuchprofile -ProfileLocation $credentials").Trim(), "ProfileNotFound");
            Add(cmdlet, (arguments + " -ProfileName dev -ProfileLocation \"$temp/missing/credentials\"").Trim(), "CredentialFileUnreadable");
        }

        Add(Caller, "-ProfileName dev -ProfileLocation $temp", "CredentialFileUnreadable");
        Add(Caller, "-Region moon-base-1 -ProfileName dev -ProfileLocation $credentials", "RegionInvalid");
        Add(Caller, "-Credential 'text'", "CredentialNotRecognized");
        Add(Caller, "-AccessKey AKIAIOSFODNN7EXAMPLE", "AccessKeyIncomplete");
        Add(Caller, "-Region eu-west-1", "CredentialsNotFound");
        return cases;
    }
}
