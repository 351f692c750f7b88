#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Access Advisor and right-sized policies: a role granted 40 services that really used 3 of them in the sandbox.

Describe 'Access Advisor in the sandbox' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $script:forty = 'iam', 's3', 'ec2', 'lambda', 'dynamodb', 'sqs', 'sns', 'kms', 'logs', 'cloudwatch', 'ssm', 'secretsmanager', 'ecr',
        'ecs', 'eks', 'rds', 'glue', 'athena', 'kinesis', 'firehose', 'apigateway', 'cloudformation', 'codebuild', 'codecommit',
        'codepipeline', 'route53', 'acm', 'elasticloadbalancing', 'autoscaling', 'batch', 'sagemaker', 'redshift', 'elasticache', 'es',
        'events', 'states', 'xray', 'cognito-idp', 'config', 'cloudtrail'
        $script:none = [Threading.CancellationToken]::None

        # The role app: trusted by the account, granted service:* for 40 services by one inline policy.
        function New-FortyServiceRole {
            $iam = $IamOpsSandbox.Connect().Iam
            $trust = @{ Version = '2012-10-17'; Statement = @(@{ Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::$($IamOpsSandbox.AccountId):root" }; Action = 'sts:AssumeRole' }) } | ConvertTo-Json -Depth 5
            $grant = @{ Version = '2012-10-17'; Statement = @(@{ Effect = 'Allow'; Action = @($forty | ForEach-Object { "$($_):*" }); Resource = '*' }) } | ConvertTo-Json -Depth 5
            $null = $iam.CreateRoleAsync([IamOps.Aws.CreateRoleRequest]@{ RoleName = 'app'; AssumeRolePolicyDocument = $trust }, $none).GetAwaiter().GetResult()
            $iam.PutInlinePolicyAsync('Role', 'app', 'forty-services', $grant, $none).GetAwaiter().GetResult()
        }

        # Works as the role: assumes it, then calls S3, EC2 and IAM with its session's keys.
        function Invoke-AsApp {
            $IamOpsSandbox.AddBucket('app-data')
            $instance = $IamOpsSandbox.AddInstance([NullString]::Value)
            $session = Invoke-IamRoleAssume -RoleName app
            $keys = $IamOpsSandbox.AdministratorCredentials.GetType()::new($session.AccessKeyId,
                [Net.NetworkCredential]::new('', $session.SecretAccessKey).Password, [Net.NetworkCredential]::new('', $session.SessionToken).Password)
            $asApp = $IamOpsSandbox.Connect($keys)
            $null = $asApp.S3.GetBucketLocationAsync('app-data', $none).GetAwaiter().GetResult()
            $null = $asApp.Ec2.GetInstanceProfileAssociationAsync($instance, $none).GetAwaiter().GetResult()
            $null = $asApp.Iam.GetRoleAsync('app', $none).GetAwaiter().GetResult()
        }

        function Get-MutatingCallCount { @($IamOpsSandbox.CallLog.Calls | Where-Object IsMutating).Count }
    }
    BeforeEach {
        Enter-IamSandbox | Out-Null
        New-FortyServiceRole
        Invoke-AsApp
        $IamOpsSandbox.AdvanceClock([timespan]::FromDays(5))
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    Context 'Get-IamLastAccessed' {
        It 'returns one row per granted service: the three used with UTC times, the rest granted but not used' {
            $rows = Get-IamLastAccessed -RoleName app

            $rows | Should -HaveCount 40
            $rows[0] | Should -BeOfType ([IamOps.LastAccessed.LastAccessedEntry])
            ($rows | Where-Object UsedInDays).ServiceNamespace | Should -Be 'ec2', 'iam', 's3'
            $s3 = $rows | Where-Object ServiceNamespace -EQ 's3'
            $s3.LastAuthenticated | Should -BeOfType ([datetime])
            $s3.LastAuthenticated.Kind | Should -Be 'Utc'
            $s3.DaysSinceUse | Should -Be 5
            $s3.LastAuthenticatedEntity | Should -BeLike '*:role/app'
            $unused = $rows | Where-Object ServiceNamespace -EQ 'dynamodb'
            $unused.LastAuthenticated | Should -BeNullOrEmpty
            $unused.GrantedButNotUsed | Should -BeTrue
        }

        It 'adds the tracked actions with -IncludeActions, only for the services IAM tracks per action' {
            $actions = Get-IamLastAccessed -RoleName app -IncludeActions | Where-Object Level -EQ 'Action'

            ($actions.ServiceNamespace | Sort-Object -Unique) | Should -Be 'ec2', 'iam', 'lambda', 's3'
            ($actions | Where-Object UsedInDays).Action | Should -Contain 's3:GetBucketLocation'
            ($actions | Where-Object UsedInDays).Action | Should -Contain 'iam:GetRole'
        }

        It 'counts use in the -Days window only' {
            $IamOpsSandbox.AdvanceClock([timespan]::FromDays(30))

            (Get-IamLastAccessed -RoleName app -Days 30 | Where-Object UsedInDays) | Should -BeNullOrEmpty
            (Get-IamLastAccessed -RoleName app -Days 40 | Where-Object UsedInDays) | Should -HaveCount 3
        }

        It 'takes <Shape> from the pipeline' -ForEach @(
            @{ Shape = 'a RoleName'; Object = { [pscustomobject]@{ RoleName = 'app' } } }
            @{ Shape = 'an AWS.Tools role (RoleName and Arn)'; Object = { [pscustomobject]@{ RoleName = 'app'; Arn = "arn:aws:iam::$($IamOpsSandbox.AccountId):role/app"; RoleId = 'AROAEXAMPLE' } } }
            @{ Shape = 'a PolicyArn'; Object = { [pscustomobject]@{ PolicyArn = "arn:aws:iam::$($IamOpsSandbox.AccountId):role/app" } } }
        ) {
            $rows = & $Object | Get-IamLastAccessed

            $rows | Should -HaveCount 40
            $rows[0].TargetName | Should -Be 'app'
            $rows[0].TargetKind | Should -Be 'Role'
        }

        It 'reads users from the credential report by their Arn' {
            $rows = Get-IamCredentialReport | Where-Object UserName -EQ 'Administrator' | Get-IamLastAccessed

            $rows[0].TargetKind | Should -Be 'User'
            ($rows | Where-Object UsedInDays).ServiceNamespace | Should -Contain 'sts'
        }

        It 'says an unknown user does not exist, with its error id, and starts no job' {
            $before = $IamOpsSandbox.CallLog.Of('GenerateServiceLastAccessedDetails').Count

            { Get-IamLastAccessed -UserName ghost -ErrorAction Stop } | Should -Throw -ErrorId 'UserNotFound,IamOps.Cmdlets.GetIamLastAccessedCommand'
            $IamOpsSandbox.CallLog.Of('GenerateServiceLastAccessedDetails').Count | Should -Be $before
        }

        It 'refuses -Days <Days> before any call' -ForEach @(@{ Days = 0 }, @{ Days = -5 }) {
            $before = $IamOpsSandbox.CallLog.Calls.Count

            { Get-IamLastAccessed -RoleName app -Days $Days } | Should -Throw -ErrorId 'ParameterArgumentValidationError,IamOps.Cmdlets.GetIamLastAccessedCommand'
            $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
        }

        It 'shows a table within 80 columns' {
            $lines = Get-IamLastAccessed -RoleName app -IncludeActions | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_ }

            ($lines | Where-Object { $_ -match '^Service\s+LastUsed\s+DaysAgo\s+Unused\s+By' }) | Should -Not -BeNullOrEmpty
            ($lines | Where-Object { $_ -match '^s3\s+\d{4}-\d\d-\d\d\s+5 no\s+app$' }) | Should -Not -BeNullOrEmpty
            ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        }
    }

    Context 'New-IamLeastPrivilegePolicy' {
        It 'keeps exactly the three services used, and the proposal lints clean' {
            $proposal = New-IamLeastPrivilegePolicy -RoleName app

            $proposal.GrantedServices | Should -HaveCount 40
            $proposal.KeptServices | Should -Be 'ec2', 'iam', 's3'
            $proposal.RemovedServices | Should -HaveCount 37
            $proposal.IsClean | Should -BeTrue
            $proposal.Findings | Where-Object { "$($_.Severity)" -in 'Error', 'SecurityWarning' } | Should -BeNullOrEmpty
            (Test-IamPolicy -PolicyDocument $proposal.Document | Where-Object { "$($_.Severity)" -in 'Error', 'SecurityWarning' }) | Should -BeNullOrEmpty
        }

        It 'lets Test-IamPolicy prove <Action> is <Decision>' -ForEach @(
            @{ Action = 's3:GetBucketLocation'; Decision = 'Allowed' }
            @{ Action = 'ec2:DescribeIamInstanceProfileAssociations'; Decision = 'Allowed' }
            @{ Action = 'iam:GetRole'; Decision = 'Allowed' }
            @{ Action = 's3:DeleteBucket'; Decision = 'ImplicitDeny' }
            @{ Action = 'iam:CreateAccessKey'; Decision = 'ImplicitDeny' }
            @{ Action = 'dynamodb:GetItem'; Decision = 'ImplicitDeny' }
            @{ Action = 'lambda:InvokeFunction'; Decision = 'ImplicitDeny' }
            @{ Action = 'kms:Decrypt'; Decision = 'ImplicitDeny' }
        ) {
            $proposal = New-IamLeastPrivilegePolicy -RoleName app

            (Test-IamPolicy -PolicyDocument $proposal.Document -Action $Action).Decision | Should -Be $Decision
        }

        It 'makes no change under -WhatIf, creates the policy with -Apply, and a re-run changes nothing' {
            $before = Get-MutatingCallCount
            $planned = New-IamLeastPrivilegePolicy -RoleName app -Apply -PolicyName app-least-privilege -WhatIf
            $planned.Status | Should -Be 'NotApplied'
            Get-MutatingCallCount | Should -Be $before

            (New-IamLeastPrivilegePolicy -RoleName app -Apply -PolicyName app-least-privilege).Status | Should -Be 'Created'
            $afterCreate = Get-MutatingCallCount
            $again = New-IamLeastPrivilegePolicy -RoleName app -Apply -PolicyName app-least-privilege

            $again.Status | Should -Be 'Unchanged'
            Get-MutatingCallCount | Should -Be $afterCreate
            $afterCreate | Should -Be ($before + 1)
        }

        It 'refuses -Apply without -PolicyName before any call' {
            $before = $IamOpsSandbox.CallLog.Calls.Count

            { New-IamLeastPrivilegePolicy -RoleName app -Apply -ErrorAction Stop } | Should -Throw -ErrorId 'PolicyNameRequired,IamOps.Cmdlets.NewIamLeastPrivilegePolicyCommand'
            $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
        }

        It 'says an unknown role does not exist' {
            { New-IamLeastPrivilegePolicy -RoleName ghost -ErrorAction Stop } | Should -Throw -ErrorId 'RoleNotFound,IamOps.Cmdlets.NewIamLeastPrivilegePolicyCommand'
        }
    }
}
