#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The account's IAM posture as findings, and the pages people read: Get-IamSecurityReport in the sandbox.

Describe 'Get-IamSecurityReport' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $partner = '444455556666'

        # carol signs in with a password and no MFA; dave's key is used once; the partner account may assume a role
        # without an external id; then 100 days pass.
        function Initialize-AgedAccount {
            Add-IamDeveloper -UserName carol -CreateMissingGroup -ErrorAction Stop | Out-Null
            $dave = Add-IamDeveloper -UserName dave -CreateMissingGroup -ProgrammaticAccess -NoConsoleAccess -ErrorAction Stop
            Get-IamCallerIdentity -AccessKey $dave.AccessKeyId -SecretKey $dave.SecretAccessKey | Out-Null
            Grant-IamRoleAssume -RoleName partner-audit -AccountId $partner -ErrorAction Stop | Out-Null
            $IamOpsSandbox.AdvanceClock([timespan]::FromDays(100))
        }

        function Get-Page($Path) { [System.Xml.Linq.XDocument]::Parse((Get-Content -LiteralPath $Path -Raw)).Root }
        function Get-Rows($Page, $TableId) {
            ($Page.Descendants('table') | Where-Object { $_.Attribute('id').Value -eq $TableId }).Element('tbody').Elements('tr')
        }
    }
    BeforeEach { Enter-IamSandbox | Out-Null }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'returns one typed finding per problem, most urgent first, each with the command that fixes it' {
        Initialize-AgedAccount

        $findings = Get-IamSecurityReport

        $findings | Should -Not -BeNullOrEmpty
        $findings | ForEach-Object { $_ | Should -BeOfType ([IamOps.Audit.SecurityFinding]) }
        $findings[0].Check | Should -Be 'RootMfa'
        $findings[0].Severity | Should -Be 'Critical'
        ($findings | Where-Object { $_.Check -eq 'UserMfa' }).ResourceName | Should -Be 'carol'
        ($findings | Where-Object { $_.Check -eq 'AccessKeyUnused' -and $_.ResourceName -eq 'dave' }).Fix | Should -Be 'Disable-IamStaleCredential -UserName dave -Days 90'
        $trust = $findings | Where-Object Check -eq 'RoleTrustWithoutExternalId'
        $trust.ResourceName | Should -Be 'partner-audit'
        $trust.Severity | Should -Be 'High'
        $trust.Message | Should -BeLike "*account $partner*"
        $severities = [int[]]$findings.Severity
        $severities | Should -Be ($severities | Sort-Object -Descending)
        @($findings | Where-Object Severity -ge 'High').Count | Should -BeGreaterThan 2
    }

    It "running a finding's Fix clears it: the partner role nobody used is deleted" {
        Initialize-AgedAccount
        $fix = (Get-IamSecurityReport | Where-Object { $_.Check -eq 'RoleNeverUsed' -and $_.ResourceName -eq 'partner-audit' }).Fix
        $fix | Should -Be "Revoke-IamRoleAssume -RoleName partner-audit -AccountId $partner -DeleteRole"

        Invoke-Expression "$fix -Confirm:`$false" | Out-Null

        Get-IamSecurityReport | Where-Object ResourceName -eq 'partner-audit' | Should -BeNullOrEmpty
    }

    It 'tells how to require an external id of the partner account' {
        Initialize-AgedAccount

        $fix = (Get-IamSecurityReport | Where-Object Check -eq 'RoleTrustWithoutExternalId').Fix

        $fix | Should -BeLike "Grant-IamRoleAssume -RoleName partner-audit -AccountId $partner -ExternalId <id>; then remove the old statement by hand*"
    }

    It 'writes a self-contained HTML page whose table and chart counts match the objects' {
        Initialize-AgedAccount
        $path = Join-Path $TestDrive 'report.html'

        $findings = Get-IamSecurityReport -OutFile $path

        $page = Get-Page $path
        $rows = @(Get-Rows $page 'findings')
        $rows.Count | Should -Be @($findings).Count
        ($page.Descendants() | Where-Object { $_.Attribute('id').Value -eq 'total' }).Value | Should -Be "$(@($findings).Count)"
        foreach ($severity in 'Critical', 'High', 'Medium', 'Low') {
            $expected = @($findings | Where-Object Severity -eq $severity).Count
            ($page.Descendants('g') | Where-Object { $_.Attribute('data-severity').Value -eq $severity }).Attribute('data-count').Value | Should -Be "$expected"
            @($rows | Where-Object { $_.Attribute('data-severity').Value -eq $severity }).Count | Should -Be $expected
        }
        $html = Get-Content -LiteralPath $path -Raw
        $html | Should -Not -Match 'https?:|src=|href='
        @($page.Descendants('script')).Count | Should -Be 1
    }

    It 'writes Markdown for a pipeline summary, with a row per finding' {
        Initialize-AgedAccount
        $path = Join-Path $TestDrive 'summary.md'

        $findings = Get-IamSecurityReport -OutFile $path

        $lines = Get-Content -LiteralPath $path
        $lines[0] | Should -Be "## IAM security report: account $($IamOpsSandbox.AccountId)"
        $lines | Should -Contain "| **Total** | **$(@($findings).Count)** |"
        $table = $lines | Select-Object -Skip (1 + [array]::IndexOf($lines, ($lines | Where-Object { $_ -like '| Severity | Check |*' }))) | Select-Object -Skip 1
        @($table | Where-Object { $_ -like '| *' }).Count | Should -Be @($findings).Count
    }

    It '-Format decides for a file name without a known extension' {
        $path = Join-Path $TestDrive 'step-summary'

        Get-IamSecurityReport -OutFile $path -Format Markdown | Out-Null

        (Get-Content -LiteralPath $path -TotalCount 1) | Should -BeLike '## IAM security report*'
    }

    It 'resolves a relative -OutFile from the current location, as PowerShell does' {
        Push-Location $TestDrive
        try { Get-IamSecurityReport -OutFile ./relative.html | Out-Null }
        finally { Pop-Location }

        Join-Path $TestDrive 'relative.html' | Should -Exist
    }

    It 'replaces an existing file, and keeps it with -NoClobber' {
        $path = Join-Path $TestDrive 'existing.md'
        Set-Content -LiteralPath $path -Value 'keep me'

        { Get-IamSecurityReport -OutFile $path -NoClobber } | Should -Throw -ErrorId 'OutFileExists,IamOps.Cmdlets.GetIamSecurityReportCommand'
        Get-Content -LiteralPath $path | Should -Be 'keep me'
        Get-IamSecurityReport -OutFile $path | Out-Null
        (Get-Content -LiteralPath $path -TotalCount 1) | Should -BeLike '## IAM security report*'
    }

    It 'refuses -Days <Days> before reading the account' -ForEach @(@{ Days = 0 }, @{ Days = -1 }) {
        $before = $IamOpsSandbox.CallLog.Calls.Count

        { Get-IamSecurityReport -Days $Days } | Should -Throw -ErrorId 'DaysInvalid,IamOps.Cmdlets.GetIamSecurityReportCommand'

        $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
    }

    It 'refuses an -OutFile in a missing folder before reading the account, and writes nothing' {
        $before = $IamOpsSandbox.CallLog.Calls.Count
        $path = Join-Path $TestDrive 'no-such-folder/report.html'

        { Get-IamSecurityReport -OutFile $path } | Should -Throw -ErrorId 'OutFileFolderNotFound,IamOps.Cmdlets.GetIamSecurityReportCommand'

        $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
        Join-Path $TestDrive 'no-such-folder' | Should -Not -Exist
    }

    It 'shows Severity, Check, Resource and Fix in the default table, within 80 columns' {
        Initialize-AgedAccount

        $lines = Get-IamSecurityReport | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_ }

        $lines[0] | Should -Match '^Severity\s+Check\s+Resource\s+Fix$'
        ($lines | Where-Object { $_ -match '^High\s+UserMfa\s+carol\s+Add-IamDeveloper' }) | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }
}
