using System.Xml.Linq;
using Amazon.Runtime;
using IamOps.Audit;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Audit;

public sealed class SecurityReportTests
{
    private const string Account = "111122223333";
    private const string Partner = "444455556666";
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly CancellationToken None = CancellationToken.None;

    private static string Trust(string principal, string? condition = null) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"sts:AssumeRole\"" + (condition is null ? string.Empty : ",\"Condition\":" + condition) + "}]}";

    private const string Everything = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private const string ReadBuckets = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\"}]}";

    /// <summary>
    /// An account with one of each problem, aged 100 days: what each check must find, and (hank, fresh, partner-ok,
    /// ec2-young) what none may.
    /// </summary>
    private static async Task<SimulatedAccount> SeededAsync()
    {
        var clock = new ManualClock(Start);
        var account = new SimulatedAccount(Account, clock);
        var iam = account.Connect().Iam;
        account.SetRootCredentials(mfaActive: false, accessKeys: 1);

        await iam.CreateUserAsync(new CreateUserRequest { UserName = "carol" }, None);
        await iam.CreateLoginProfileAsync("carol", "Initial-Passw0rd!", false, None);
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "dave" }, None);
        var daveKey = await iam.CreateAccessKeyAsync("dave", None);
        await account.Connect(new SimulatorCredentials(daveKey.AccessKeyId, daveKey.SecretAccessKey)).Sts.GetCallerIdentityAsync(None);
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "erin" }, None);
        await iam.CreateAccessKeyAsync("erin", None);
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "frank" }, None);
        await iam.PutInlinePolicyAsync(IdentityKind.User, "frank", "do-anything", Everything, None);
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "gina" }, None);
        var admin = await iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "AllOfIt", PolicyDocument = Everything }, None);
        await iam.AttachPolicyAsync(IdentityKind.User, "gina", admin.Arn, None);
        var narrow = await iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "ListBuckets", PolicyDocument = ReadBuckets }, None);
        await iam.AttachPolicyAsync(IdentityKind.User, "gina", narrow.Arn, None);

        await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "partner", AssumeRolePolicyDocument = Trust($"{{\"AWS\":\"arn:aws:iam::{Partner}:root\"}}") }, None);
        await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "partner-ok", AssumeRolePolicyDocument = Trust($"{{\"AWS\":\"{Partner}\"}}", "{\"StringEquals\":{\"sts:ExternalId\":\"k-42\"}}") }, None);
        var used = await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "used", AssumeRolePolicyDocument = Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:root\"}}") }, None);
        await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "never", AssumeRolePolicyDocument = Trust("{\"Service\":\"ec2.amazonaws.com\"}") }, None);
        await account.Connect().Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = used.Arn, RoleSessionName = "once" }, None);

        account.AdvanceClock(TimeSpan.FromDays(100));
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "hank" }, None);
        var hankKey = await iam.CreateAccessKeyAsync("hank", None);
        await account.Connect(new SimulatorCredentials(hankKey.AccessKeyId, hankKey.SecretAccessKey)).Sts.GetCallerIdentityAsync(None);
        await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "fresh", AssumeRolePolicyDocument = Trust("{\"Service\":\"lambda.amazonaws.com\"}") }, None);
        return account;
    }

    private static Task<SecurityReport> ReviewAsync(SimulatedAccount account, SecurityReportRequest? request = null) => ReviewAsync(account.Connect().Iam, account, request);

    private static async Task<SecurityReport> ReviewAsync(IIam iam, SimulatedAccount account, SecurityReportRequest? request = null)
    {
        var reader = new SecurityReportReader(iam, request ?? new SecurityReportRequest(), () => account.UtcNow) { PollInterval = TimeSpan.Zero };
        return (await reader.ReadAsync(null, None)).Report!;
    }

    private static string[] Found(SecurityReport report) => report.Findings.Select(f => $"{f.Check} {f.ResourceName}").OrderBy(s => s, StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Review_finds_each_problem_of_a_seeded_sandbox_and_nothing_else()
    {
        var account = await SeededAsync();

        var report = await ReviewAsync(account);

        Assert.Equal(
            new[]
            {
                "AccessKeyOld Administrator", "AccessKeyOld dave", "AccessKeyOld erin",
                "AccessKeyUnused dave", "AccessKeyUnused erin",
                "PasswordUnused carol",
                "RoleNeverUsed never", "RoleNeverUsed partner", "RoleNeverUsed partner-ok",
                "RoleTrustWithoutExternalId partner",
                "RoleUnused used",
                "RootAccessKey <root_account>", "RootMfa <root_account>",
                "UserAdminPolicy Administrator", "UserAdminPolicy frank", "UserAdminPolicy gina",
                "UserInlinePolicy frank",
                "UserMfa carol",
            },
            Found(report));
        Assert.Equal(Account, report.AccountId);
        Assert.Equal(7, report.UserCount);
        Assert.Equal(5, report.RoleCount);
    }

    [Fact]
    public async Task Each_finding_carries_its_severity_resource_and_the_command_that_fixes_it()
    {
        var report = await ReviewAsync(await SeededAsync());

        SecurityFinding One(SecurityCheck check, string name) => Assert.Single(report.Findings, f => f.Check == check && f.ResourceName == name);
        Assert.Equal(SecuritySeverity.Critical, One(SecurityCheck.RootMfa, "<root_account>").Severity);
        Assert.Equal($"arn:aws:iam::{Account}:root", One(SecurityCheck.RootAccessKey, "<root_account>").Resource);
        var mfa = One(SecurityCheck.UserMfa, "carol");
        Assert.Equal((SecuritySeverity.High, $"arn:aws:iam::{Account}:user/carol", "Add-IamDeveloper -UserName carol -EnableVirtualMfa"), (mfa.Severity, mfa.Resource, mfa.Fix));
        Assert.Equal("Disable-IamStaleCredential -UserName dave -Days 90", One(SecurityCheck.AccessKeyUnused, "dave").Fix);
        Assert.Contains("last used 100 days ago", One(SecurityCheck.AccessKeyUnused, "dave").Message, StringComparison.Ordinal);
        Assert.Contains("never been used", One(SecurityCheck.AccessKeyUnused, "erin").Message, StringComparison.Ordinal);
        Assert.Equal("Disable-IamStaleCredential -UserName erin -MaxKeyAge 90", One(SecurityCheck.AccessKeyOld, "erin").Fix);
        Assert.Contains("'AllOfIt'", One(SecurityCheck.UserAdminPolicy, "gina").Message, StringComparison.Ordinal);
        Assert.Equal("New-IamLeastPrivilegePolicy -UserName gina -Days 90", One(SecurityCheck.UserAdminPolicy, "gina").Fix);
        var partner = One(SecurityCheck.RoleTrustWithoutExternalId, "partner");
        Assert.Equal((SecuritySeverity.High, $"arn:aws:iam::{Account}:role/partner"), (partner.Severity, partner.Resource));
        Assert.StartsWith($"Grant-IamRoleAssume -RoleName partner -AccountId {Partner} -ExternalId <id>; then remove the old statement by hand", partner.Fix, StringComparison.Ordinal);
        Assert.Equal("Revoke-IamRoleAssume -RoleName never -Service ec2.amazonaws.com -DeleteRole", One(SecurityCheck.RoleNeverUsed, "never").Fix);
        Assert.Equal($"Revoke-IamRoleAssume -RoleName partner -AccountId {Partner} -DeleteRole", One(SecurityCheck.RoleNeverUsed, "partner").Fix);
        Assert.Equal("Revoke-IamRoleAssume -RoleName used -DeleteRole", One(SecurityCheck.RoleUnused, "used").Fix);
        Assert.Equal(report.Findings.OrderByDescending(f => f.Severity).Select(f => f.Severity), report.Findings.Select(f => f.Severity));
    }

    [Fact]
    public async Task Review_reads_the_account_in_two_calls_whatever_its_size()
    {
        var account = new SimulatedAccount(Account, new ManualClock(Start));
        var iam = account.Connect().Iam;
        for (var i = 0; i < 40; i++)
        {
            await iam.CreateUserAsync(new CreateUserRequest { UserName = $"user{i}" }, None);
            await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = $"role{i}", AssumeRolePolicyDocument = Trust("{\"Service\":\"ec2.amazonaws.com\"}") }, None);
        }

        var before = account.CallLog.Calls.Count;
        var report = await ReviewAsync(account);

        Assert.Equal(41, report.UserCount);
        var calls = account.CallLog.Calls.Skip(before).Select(c => c.Operation).ToList();
        Assert.Equal(new[] { "GenerateCredentialReport", "GetAccountAuthorizationDetails", "GetCredentialReport" }, calls.Distinct().OrderBy(o => o, StringComparer.Ordinal));
        Assert.Single(calls, "GetAccountAuthorizationDetails");
    }

    [Fact]
    public async Task Thresholds_decide_what_is_stale_and_old()
    {
        var account = await SeededAsync();

        var lenient = await ReviewAsync(account, new SecurityReportRequest { Days = 101, MaxKeyAge = 101 });
        var strict = await ReviewAsync(account, new SecurityReportRequest { Days = 100, MaxKeyAge = 100 });

        var ageing = new[] { SecurityCheck.AccessKeyUnused, SecurityCheck.AccessKeyOld, SecurityCheck.PasswordUnused, SecurityCheck.RoleNeverUsed, SecurityCheck.RoleUnused };
        Assert.DoesNotContain(lenient.Findings, f => ageing.Contains(f.Check));
        Assert.Equal(10, strict.Findings.Count(f => ageing.Contains(f.Check)));
        Assert.Equal("Disable-IamStaleCredential -UserName dave -Days 100", strict.Findings.First(f => f.Check == SecurityCheck.AccessKeyUnused).Fix);
    }

    [Theory]
    [InlineData(0, 90, "DaysInvalid")]
    [InlineData(-5, 90, "DaysInvalid")]
    [InlineData(90, 0, "MaxKeyAgeInvalid")]
    public void Bad_thresholds_are_refused_before_any_call(int days, int maxKeyAge, string errorId)
    {
        var account = new SimulatedAccount(Account, new ManualClock(Start));
        var before = account.CallLog.Calls.Count;

        var error = Assert.Throws<IamOpsException>(() => new SecurityReportReader(account.Connect().Iam, new SecurityReportRequest { Days = days, MaxKeyAge = maxKeyAge }, () => account.UtcNow));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.Equal(before, account.CallLog.Calls.Count);
    }

    [Fact]
    public async Task A_root_user_with_MFA_and_no_keys_raises_no_root_finding()
    {
        var account = new SimulatedAccount(Account, new ManualClock(Start));
        account.SetRootCredentials(mfaActive: true, accessKeys: 0);

        var report = await ReviewAsync(account);

        Assert.DoesNotContain(report.Findings, f => f.ResourceType == "Root");
        Assert.Equal(1, (await account.Connect().Iam.GetAccountSummaryAsync(None))["AccountMFAEnabled"]);
    }

    [Theory]
    [InlineData("{\"AWS\":\"444455556666\"}", null, "High")]
    [InlineData("{\"AWS\":\"arn:aws:iam::444455556666:role/deployer\"}", null, "High")]
    [InlineData("{\"AWS\":\"*\"}", null, "Critical")]
    [InlineData("\"*\"", null, "Critical")]
    [InlineData("{\"AWS\":\"444455556666\"}", "{\"StringEquals\":{\"STS:externalid\":\"x-1\"}}", null)]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", null, null)]
    [InlineData("{\"Service\":\"ec2.amazonaws.com\"}", null, null)]
    [InlineData("{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}", null, null)]
    public void Trust_of_another_account_needs_an_external_id(string principal, string? condition, string? severity)
    {
        var role = new IamRole { RoleName = "r", Arn = $"arn:aws:iam::{Account}:role/r", CreateDate = Start, LastUsedDate = Start, AssumeRolePolicyDocument = Trust(principal, condition) };

        var report = SecurityReview.Review(Array.Empty<CredentialReportEntry>(), new AccountAuthorizationDetails { Roles = new[] { new RoleAuthorizationDetail { Role = role } } }, new SecurityReportRequest(), Start);

        Assert.Equal(severity, report.Findings.SingleOrDefault(f => f.Check == SecurityCheck.RoleTrustWithoutExternalId)?.Severity.ToString());
    }

    [Theory]
    [InlineData("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"*\"],\"Resource\":\"*\"}", true)]
    [InlineData("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/*\"}", false)]
    [InlineData("{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}", false)]
    [InlineData("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}", false)]
    public void Everything_means_Allow_of_action_star_on_resource_star(string statement, bool everything) =>
        Assert.Equal(everything, SecurityReview.GrantsEverything("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}"));

    [Fact]
    public async Task Over_HTTP_the_IAM_client_reads_the_same_findings_as_the_simulator_in_process()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var account = await SeededAsync();
        using var endpoint = SimulatorEndpoint.Start(account);
        var keys = account.AdministratorCredentials;
        using var client = new IamQueryClient(new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey), new IamQueryConfig { ServiceURL = endpoint.BaseUrl.ToString(), MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(20) });

        var overHttp = await ReviewAsync(client, account);

        Assert.Equal(Found(await ReviewAsync(account)), Found(overHttp));
        Assert.Contains(overHttp.Findings, f => f.Check == SecurityCheck.RoleUnused && f.ResourceName == "used");
    }

    // The pages

    private static SecurityReport Sample(string name = "bob") => new()
    {
        AccountId = Account,
        CredentialReportTime = Start,
        ReviewTime = Start,
        UserCount = 3,
        RoleCount = 1,
        Findings = new[]
        {
            new SecurityFinding { Check = SecurityCheck.RootMfa, Severity = SecuritySeverity.Critical, ResourceType = "Root", ResourceName = "<root_account>", Resource = $"arn:aws:iam::{Account}:root", Message = "The root user has no MFA device.", Fix = "Manual: sign in as root" },
            new SecurityFinding { Check = SecurityCheck.UserMfa, Severity = SecuritySeverity.High, ResourceType = "User", ResourceName = name, Resource = $"arn:aws:iam::{Account}:user/{name}", Message = $"User {name} can sign in | without \"MFA\" & more.", Fix = $"Add-IamDeveloper -UserName {name} -EnableVirtualMfa" },
            new SecurityFinding { Check = SecurityCheck.AccessKeyOld, Severity = SecuritySeverity.Medium, ResourceType = "AccessKey", ResourceName = "carol", Resource = $"arn:aws:iam::{Account}:user/carol", Message = "Old.", Fix = "Disable-IamStaleCredential -UserName carol -MaxKeyAge 90" },
            new SecurityFinding { Check = SecurityCheck.RoleNeverUsed, Severity = SecuritySeverity.Low, ResourceType = "Role", ResourceName = "r", Resource = $"arn:aws:iam::{Account}:role/r", Message = "Never.", Fix = "Revoke-IamRoleAssume -RoleName r -DeleteRole" },
            new SecurityFinding { Check = SecurityCheck.RoleUnused, Severity = SecuritySeverity.Low, ResourceType = "Role", ResourceName = "s", Resource = $"arn:aws:iam::{Account}:role/s", Message = "Unused.", Fix = "Revoke-IamRoleAssume -RoleName s -DeleteRole" },
        },
    };

    private static XElement Body(string html) => XDocument.Parse(html, LoadOptions.PreserveWhitespace).Root!.Element("body")!;

    private static IEnumerable<XElement> Rows(XElement body, string tableId) =>
        body.Descendants("table").Single(t => (string?)t.Attribute("id") == tableId).Element("tbody")!.Elements("tr");

    [Fact]
    public async Task The_HTML_page_is_well_formed_and_its_counts_match_the_findings()
    {
        var report = await ReviewAsync(await SeededAsync());

        var body = Body(SecurityReportHtml.Render(report));

        Assert.Equal(report.Findings.Count, int.Parse(body.Descendants().Single(e => (string?)e.Attribute("id") == "total").Value, System.Globalization.CultureInfo.InvariantCulture));
        var rows = Rows(body, "findings").ToList();
        Assert.Equal(report.Findings.Count, rows.Count);
        Assert.Equal(report.Findings.Select(f => f.Check.ToString()), rows.Select(r => (string)r.Attribute("data-check")!));
        foreach (var severity in SecurityReport.Severities)
        {
            var bar = body.Descendants("g").Single(g => (string?)g.Attribute("data-severity") == severity.ToString());
            Assert.Equal(report.Count(severity), (int)bar.Attribute("data-count")!);
            Assert.Equal(report.Count(severity), rows.Count(r => (string?)r.Attribute("data-severity") == severity.ToString()));
        }

        Assert.Equal(report.Findings.Count, Rows(body, "checks").Sum(r => (int)r.Elements("td").ElementAt(2).Attribute("data-sort")!));
        Assert.Equal(Enum.GetValues<SecurityCheck>().Length, Rows(body, "checks").Count());
        Assert.Equal(2, report.Count(SecuritySeverity.Critical));
    }

    [Fact]
    public void The_HTML_page_is_self_contained()
    {
        var html = SecurityReportHtml.Render(Sample());

        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        var root = XDocument.Parse(html).Root!;
        Assert.Single(root.Descendants("script"));
        Assert.Single(root.Descendants("style"));
        Assert.Single(root.Descendants("svg"));
    }

    [Fact]
    public void Names_from_the_account_are_HTML_encoded_so_a_script_in_a_name_stays_text()
    {
        const string evil = "<script>alert('x')</script>\"&";

        var html = SecurityReportHtml.Render(Sample(evil));

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;", html, StringComparison.Ordinal);
        var body = Body(html);
        Assert.Single(body.Descendants("script"));
        var row = Rows(body, "findings").Single(r => (string?)r.Attribute("data-check") == "UserMfa");
        Assert.Equal(evil, row.Elements("td").ElementAt(2).Elements("span").First().Value);
        Assert.Equal($"Add-IamDeveloper -UserName {evil} -EnableVirtualMfa", row.Elements("td").ElementAt(4).Value);
    }

    [Fact]
    public void An_account_without_findings_gets_a_page_that_says_so()
    {
        var html = SecurityReportHtml.Render(new SecurityReport { AccountId = Account, CredentialReportTime = Start, ReviewTime = Start });

        var rows = Rows(Body(html), "findings").ToList();
        Assert.Equal("No findings: every check passed.", Assert.Single(rows).Value);
    }

    [Fact]
    public void The_Markdown_summary_has_a_count_per_severity_and_a_row_per_finding_with_account_text_escaped()
    {
        var report = Sample("<b>x</b>");

        var lines = SecurityReportMarkdown.Render(report).Split('\n');

        Assert.Contains("| 🟥 Critical | 1 |", lines);
        Assert.Contains("| 🟦 Low | 2 |", lines);
        Assert.Contains("| **Total** | **5** |", lines);
        var rows = lines.SkipWhile(l => !l.StartsWith("| Severity | Check |", StringComparison.Ordinal)).Skip(2).Where(l => l.StartsWith('|')).ToList();
        Assert.Equal(report.Findings.Count, rows.Count);
        var bob = rows.Single(r => r.StartsWith("| High |", StringComparison.Ordinal));
        Assert.Equal("| High | UserMfa | `<b>x</b>` | User &lt;b&gt;x&lt;/b&gt; can sign in \\| without \"MFA\" &amp; more. | `Add-IamDeveloper -UserName <b>x</b> -EnableVirtualMfa` |", bob);
    }

    // The file

    [Theory]
    [InlineData("r.html", null, SecurityReportFormat.Html)]
    [InlineData("r.HTM", null, SecurityReportFormat.Html)]
    [InlineData("r.md", null, SecurityReportFormat.Markdown)]
    [InlineData("r.markdown", null, SecurityReportFormat.Markdown)]
    [InlineData("r.txt", SecurityReportFormat.Markdown, SecurityReportFormat.Markdown)]
    [InlineData("r.md", SecurityReportFormat.Html, SecurityReportFormat.Html)]
    public void The_format_comes_from_Format_else_the_extension(string path, SecurityReportFormat? format, SecurityReportFormat expected) =>
        Assert.Equal(expected, SecurityReportFile.FormatOf(path, format));

    [Theory]
    [InlineData("report.txt")]
    [InlineData("report")]
    public void A_file_whose_extension_names_no_format_is_refused(string path) =>
        Assert.Equal("OutFileFormatUnknown", Assert.Throws<IamOpsException>(() => SecurityReportFile.FormatOf(path, null)).ErrorId);

    [Fact]
    public void A_missing_folder_a_folder_and_with_NoClobber_an_existing_file_are_refused_and_nothing_is_written()
    {
        var folder = Directory.CreateTempSubdirectory("iamops-report-").FullName;
        try
        {
            var missing = Path.Combine(folder, "nope", "report.html");
            Assert.Equal("OutFileFolderNotFound", Assert.Throws<IamOpsException>(() => SecurityReportFile.CheckTarget(missing, noClobber: false)).ErrorId);
            Assert.False(Directory.Exists(Path.Combine(folder, "nope")));
            Assert.Equal("OutFileIsFolder", Assert.Throws<IamOpsException>(() => SecurityReportFile.CheckTarget(folder, noClobber: false)).ErrorId);
            var existing = Path.Combine(folder, "report.md");
            File.WriteAllText(existing, "keep me");
            Assert.Equal("OutFileExists", Assert.Throws<IamOpsException>(() => SecurityReportFile.CheckTarget(existing, noClobber: true)).ErrorId);
            Assert.Equal("keep me", File.ReadAllText(existing));

            SecurityReportFile.CheckTarget(existing, noClobber: false);
            SecurityReportFile.Write(existing, Sample(), SecurityReportFormat.Markdown);
            Assert.StartsWith("## IAM security report: account 111122223333", File.ReadAllText(existing), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
