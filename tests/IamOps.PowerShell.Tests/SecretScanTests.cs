using System.Collections;
using System.Globalization;
using System.Management.Automation;
using Xunit.Abstractions;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// Issue #10, reliability: the main scenarios with -Verbose -Debug -InformationAction Continue, in the sandbox and
/// over HTTP against the simulator, once in process (every stream, error record and exception, the host's rendering of
/// every object) and once through src/IamOps.Host (its whole console transcript). Every password, secret key, session
/// token and MFA seed they create is searched for in all of it and in the sandbox's call log; the credential files,
/// QR code, saved profile and state file must be owner-only. Numbers go to TestResults/sweeps/secret-scan.txt.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretScanTests : IDisposable
{
    /// <summary>
    /// The scenarios. Secrets are collected into $secrets as the script meets them (never printed); errors are made on
    /// purpose where secrets are at hand: a wrong secret that starts with the right one, a session token with a wrong key.
    /// </summary>
    private const string Script = """
        if (-not $Work) { $Work = $env:IAMOPS_SCAN_WORK; $SecretsFile = [IO.Path]::Combine($Work, 'secrets.txt') }
        $ErrorActionPreference = 'Continue'
        $secrets = [System.Collections.Generic.List[string]]::new()
        function Plain($secure) { if ($null -ne $secure) { [IamOps.Secrets.SecretText]::ToPlainText($secure) } }
        function Keep([string]$kind, [string]$value) { if ($value) { $secrets.Add($kind + "`t" + $value) } }
        $common = @{ Verbose = $true; Debug = $true; InformationAction = 'Continue' }

        Enter-IamSandbox -Path "$Work/sandbox.json" | Out-Host
        $account = $IamOpsSandbox
        Keep key $account.AdministratorCredentials.SecretAccessKey

        # Baseline: an admin with console password, access key and virtual MFA (QR code saved), then enabled with two codes.
        $base = New-IamAdminBaseline -AccountAlias scan-demo -AdminUserName alice -ProgrammaticAccess -EnableVirtualMfa -CredentialFile "$Work/admins.csv" -MfaQrCodePath "$Work/alice-mfa.png" @common
        $base | Out-Host
        $admin = ($base | Where-Object Credential).Credential
        Keep password (Plain $admin.InitialPassword); Keep key (Plain $admin.SecretAccessKey); Keep seed (Plain $admin.MfaSeed); Keep seed (Plain $admin.MfaOtpAuthUri)
        $totp = $account.GetType().Assembly.GetType('IamOps.Simulator.TimeBasedOneTimePassword')
        $now = [DateTime]::UtcNow
        $codes = $totp::Compute((Plain $admin.MfaSeed), $now.AddSeconds(-30)), $totp::Compute((Plain $admin.MfaSeed), $now)
        New-IamAdminBaseline -AdminUserName alice -EnableVirtualMfa -MfaCode $codes @common | Out-Host

        # MFA: alice's key is denied until she has an MFA session (code from her seed), which is then used in a script block.
        $aliceKey = @{ AccessKey = $admin.AccessKeyId; SecretKey = $admin.SecretAccessKey }
        Get-IamCallerIdentity @aliceKey @common | Out-Host
        Add-IamDeveloper -UserName denied-dev @aliceKey @common
        $code = Get-IamMfaCode -Seed $admin.MfaSeed -SerialNumber $admin.MfaSerialNumber -At $now.AddSeconds(30) @common
        $mfa = $code | Get-IamSessionToken @aliceKey @common
        $mfa | Out-Host
        Keep key (Plain $mfa.SecretAccessKey); Keep token (Plain $mfa.SessionToken)
        Get-IamSessionToken -SerialNumber $admin.MfaSerialNumber @aliceKey -ScriptBlock { Keep token $env:AWS_SESSION_TOKEN; Get-IamCallerIdentity -Verbose } @common | Out-Host
        $code | Get-IamSessionToken @aliceKey -NoCache @common
        Get-IamMfaCode -OtpAuthUri $admin.MfaOtpAuthUri @common | Out-Host
        Get-IamMfaCode -Seed ((Plain $admin.MfaSeed) + '!') @common

        # Developers: a batch with keys and passwords, then a password reset with a key rotation.
        $devs = 'bob', 'carol' | Add-IamDeveloper -CreateMissingGroup -ProgrammaticAccess -Tag 'team=scan' -CredentialFile "$Work/team.csv" @common
        $devs | Out-Host
        foreach ($dev in $devs) { Keep password (Plain $dev.InitialPassword); Keep key (Plain $dev.SecretAccessKey) }
        $mfaDev = Add-IamDeveloper -UserName erin -EnableVirtualMfa -MfaQrCodePath $Work @common
        $mfaDev | Out-Host
        Keep password (Plain $mfaDev.InitialPassword); Keep seed (Plain $mfaDev.MfaSeed); Keep seed (Plain $mfaDev.MfaOtpAuthUri)
        $bob = Add-IamDeveloper -UserName bob -ResetPassword -RotateAccessKey -CredentialFile "$Work/team.csv" @common
        $bob | Out-Host
        Keep password (Plain $bob.InitialPassword); Keep key (Plain $bob.SecretAccessKey)
        $bobKey = $bob.AccessKeyId
        $bobSecret = Plain $bob.SecretAccessKey

        # A role bob may assume: a verified session saved as a profile, piped on, and one used inside a script block.
        $trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::' + $account.AccountId + ':user/bob"},"Action":"sts:AssumeRole"}]}'
        $null = $account.Connect().Iam.CreateRoleAsync([IamOps.Aws.CreateRoleRequest]@{ RoleName = 'deploy'; AssumeRolePolicyDocument = $trust }, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $session = Invoke-IamRoleAssume -RoleName deploy -AccessKey $bobKey -SecretKey $bobSecret -Verify -SaveAsProfile scan -ProfileLocation "$Work/credentials" @common
        $session | Out-Host
        Keep key (Plain $session.SecretAccessKey); Keep token (Plain $session.SessionToken)
        $session | Get-IamCallerIdentity @common | Out-Host
        Invoke-IamRoleAssume -RoleName deploy -AccessKey $bobKey -SecretKey $bobSecret -NoCache -ScriptBlock { Keep key $env:AWS_SECRET_ACCESS_KEY; Keep token $env:AWS_SESSION_TOKEN; Get-IamCallerIdentity -Verbose } @common | Out-Host
        $session | Grant-IamBucketAccess -RoleName deploy -BucketName scan-bucket -WarningAction Continue @common | Out-Host

        # Failures with secrets at hand.
        Get-IamCallerIdentity -AccessKey $bobKey -SecretKey ($bobSecret + 'x') @common
        Get-IamCallerIdentity -AccessKey $bobKey -SecretKey $bobSecret -Region 'moon-base-1' @common
        Get-IamCallerIdentity -AccessKey $session.AccessKeyId -SecretKey 'not-the-secret' -SessionToken $session.SessionToken @common
        Invoke-IamRoleAssume -RoleName nothing-here -AccessKey $bobKey -SecretKey $bobSecret @common
        Add-IamDeveloper -UserName carol -RotateAccessKey -CredentialFile $Work @common

        # The same over HTTP: the real IAM and STS clients against the simulator's endpoint.
        Exit-IamSandbox
        $server = [IamOps.PowerShell.Tests.SandboxEndpoint]::Start($account)
        try {
            $http = @{ EndpointUrl = $server.BaseUrl.ToString(); Region = 'us-east-1' }
            $dave = Add-IamDeveloper -UserName dave -GroupName Developers -ProgrammaticAccess -AccessKey $account.AdministratorCredentials.AccessKeyId -SecretKey $account.AdministratorCredentials.SecretAccessKey @http @common
            $dave | Out-Host
            Keep password (Plain $dave.InitialPassword); Keep key (Plain $dave.SecretAccessKey)
            $remote = Invoke-IamRoleAssume -RoleName deploy -AccessKey $bobKey -SecretKey $bobSecret -NoCache -Verify @http @common
            $remote | Out-Host
            Keep key (Plain $remote.SecretAccessKey); Keep token (Plain $remote.SessionToken)
            $plain = Get-IamSessionToken -AccessKey $bobKey -SecretKey $bobSecret -Verify -WarningAction Continue @http @common
            $plain | Out-Host
            Keep key (Plain $plain.SecretAccessKey); Keep token (Plain $plain.SessionToken)
            Get-IamCallerIdentity -AccessKey $bobKey -SecretKey ($bobSecret + 'x') @http @common
            Get-IamCallerIdentity -AccessKey $remote.AccessKeyId -SecretKey 'not-the-secret' -SessionToken $remote.SessionToken @http @common
        }
        finally {
            $server.Dispose()
        }

        if ($SecretsFile) { [IO.File]::WriteAllLines($SecretsFile, $secrets) }
        'scan finished'
        """;

    private static readonly UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly string[] SecretFiles = { "admins.csv", "team.csv", "alice-mfa.png", "erin-mfa.png", "credentials", "sandbox.json" };
    private readonly ITestOutputHelper _output;
    private readonly string _work = Directory.CreateTempSubdirectory("iamops-secret-scan-").FullName;

    public SecretScanTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void No_secret_created_by_the_scenarios_appears_in_any_stream_rendering_error_or_log_and_secret_files_are_owner_only()
    {
        var inProcess = ScanInProcess(Path.Combine(_work, "in-process"));
        var host = ScanHostProcess(Path.Combine(_work, "host"));
        var all = new[] { inProcess, host };

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"secrets searched {all.Sum(s => s.Secrets.Count)} (in process {inProcess.Secrets.Count}, through IamOps.Host {host.Secrets.Count}): passwords, secret access keys, session tokens and secret keys, MFA seeds and otpauth URIs"),
            string.Create(CultureInfo.InvariantCulture, $"places searched: {string.Join(", ", inProcess.Haystacks.Keys)}; host: {string.Join(", ", host.Haystacks.Keys)}"),
            string.Create(CultureInfo.InvariantCulture, $"characters searched {all.Sum(s => s.Haystacks.Values.Sum(h => h.Length))}, hits {all.Sum(s => s.Hits.Count)}"),
            "file modes (must be 600): " + string.Join(", ", all.SelectMany(s => s.FileModes.Select(f => $"{s.Name}/{f.Key} {Convert.ToString((int)f.Value, 8)}"))),
            "state file: console passwords " + (all.All(s => s.PasswordsInStateFile == 0) ? "never stored in plain text (hashed)" : "FOUND IN PLAIN TEXT") + "; secret keys, session tokens and MFA seeds are kept in it by design (the simulator signs and verifies with them), so only its mode is checked for those",
        };
        lines.AddRange(all.SelectMany(s => s.Hits.Select(h => $"HIT {s.Name}: {h}")));
        SweepReport.Write("secret-scan", lines);
        foreach (var line in lines)
        {
            _output.WriteLine(line);
        }

        Assert.All(all, scan =>
        {
            Assert.True(scan.Secrets.Count >= 19, $"{scan.Name}: only {scan.Secrets.Count} secrets were collected");
            Assert.True(scan.PositiveControl, $"{scan.Name}: the credential file does not hold the secrets the scan looks for");
            Assert.Empty(scan.Hits);
            Assert.Equal(0, scan.PasswordsInStateFile);
            Assert.All(scan.FileModes, f => Assert.Equal(OwnerOnly, f.Value));
            Assert.Equal(SecretFiles.Length, scan.FileModes.Count);
        });
    }

    private Scan ScanInProcess(string work)
    {
        Directory.CreateDirectory(work);
        var host = new TextCaptureHost();
        var run = HostedPowerShell.Run(Script, new Dictionary<string, object?> { ["Work"] = work, ["SecretsFile"] = null }, host: host, capture: new[] { "secrets", "account" });

        Assert.Null(run.Terminating);
        Assert.Equal("scan finished", run.Output.Last().ToString());
        var secrets = ((IEnumerable)run.Variables["secrets"]!).Cast<object>().Select(s => s.ToString()!).ToList();
        var haystacks = new Dictionary<string, string>
        {
            ["streams and output"] = run.AllText(),
            ["host rendering (Out-Host, format views)"] = host.Text,
            ["error records (exception chains, details, targets, positions, script stacks)"] = string.Join("\n", run.AllErrors.Select(Describe)),
            ["warning, verbose, debug and information records"] = string.Join("\n", run.Warnings.Select(w => w.ToString()).Concat(run.Verbose.Select(v => v.ToString())).Concat(run.Debug.Select(d => d.ToString())).Concat(run.Information.Select(i => i.MessageData + " " + i.Source + " " + string.Join(",", i.Tags)))),
            ["sandbox call log"] = CallLogText(run.Variables["account"]),
        };
        Assert.Contains(run.Verbose, v => v.Message.StartsWith("Connection: ", StringComparison.Ordinal));
        Assert.NotEmpty(run.AllErrors);
        return Check("in-process", work, secrets, haystacks);
    }

    private Scan ScanHostProcess(string work)
    {
        Directory.CreateDirectory(work);
        var script = Path.Combine(work, "scan.ps1");
        File.WriteAllText(script, Script);
        var result = HostProgramTests.RunHost(["-File", script], environment: new Dictionary<string, string?> { ["IAMOPS_SCAN_WORK"] = work });
        var secretsFile = Path.Combine(work, "secrets.txt");

        Assert.True(File.Exists(secretsFile), "the host run finished: " + result.Stderr);
        Assert.Contains("scan finished", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("VERBOSE: Connection: ", result.Stdout + result.Stderr, StringComparison.Ordinal);
        var secrets = File.ReadAllLines(secretsFile).ToList();
        File.Delete(secretsFile);
        File.Delete(script);
        return Check("host", work, secrets, new Dictionary<string, string> { ["console transcript (stdout)"] = result.Stdout, ["console transcript (stderr)"] = result.Stderr });
    }

    /// <param name="kept">"kind TAB secret" lines: password, key, token or seed.</param>
    private static Scan Check(string name, string work, List<string> kept, Dictionary<string, string> haystacks)
    {
        var byKind = kept.Select(k => k.Split('\t', 2)).Where(k => k.Length == 2 && k[1].Length > 0).ToList();
        var secrets = byKind.Select(k => k[1]).Distinct(StringComparer.Ordinal).ToList();
        var passwords = byKind.Where(k => k[0] == "password").Select(k => k[1]).Distinct(StringComparer.Ordinal).ToList();
        var hits = new List<string>();
        foreach (var (place, text) in haystacks)
        {
            foreach (var secret in secrets.Where(s => text.Contains(s, StringComparison.Ordinal)))
            {
                hits.Add($"{place} holds a secret that starts {secret[..4]}…");
            }
        }

        var fileModes = SecretFiles.Where(f => File.Exists(Path.Combine(work, f))).ToDictionary(f => f, f => File.GetUnixFileMode(Path.Combine(work, f)));
        var credentialFiles = File.ReadAllText(Path.Combine(work, "team.csv")) + File.ReadAllText(Path.Combine(work, "admins.csv"));
        var state = File.ReadAllText(Path.Combine(work, "sandbox.json"));
        var inCredentialFiles = secrets.Count(s => credentialFiles.Contains(s, StringComparison.Ordinal));
        return new Scan(name, secrets, haystacks, hits, fileModes, passwords.Count(p => state.Contains(p, StringComparison.Ordinal)), passwords.Count >= 4 && inCredentialFiles >= 8);
    }

    private static string Describe(ErrorRecord record) => string.Join(" | ",
        record.ToString(), record.FullyQualifiedErrorId, record.CategoryInfo, record.Exception, record.ErrorDetails?.Message, record.ErrorDetails?.RecommendedAction,
        record.TargetObject, record.InvocationInfo?.Line, record.InvocationInfo?.PositionMessage, record.ScriptStackTrace);

    private static string CallLogText(object? account)
    {
        var callLog = PSObject.AsPSObject(account!).Properties["CallLog"].Value;
        var calls = (IEnumerable)PSObject.AsPSObject(callLog).Properties["Calls"].Value;
        return string.Join("\n", calls.Cast<object>().Select(c => c.ToString()));
    }

    private sealed record Scan(string Name, IReadOnlyList<string> Secrets, IReadOnlyDictionary<string, string> Haystacks, IReadOnlyList<string> Hits, IReadOnlyDictionary<string, UnixFileMode> FileModes, int PasswordsInStateFile, bool PositiveControl);
}
