# IamOps quick start: a new account secured and a developer onboarded, in the sandbox (no AWS account needed).
# Run it on a machine with only the .NET SDK:  dotnet run --project src/IamOps.Host -- -File examples/quickstart.ps1
# With pwsh:  Import-Module ./IamOps.psd1; ./examples/quickstart.ps1

$ErrorActionPreference = 'Stop'

# 1. A simulated account for this session: every IamOps cmdlet below works on it, not on AWS.
Enter-IamSandbox -AccountId 123456789012 | Out-Host

# 2. Who am I? (the sandbox's administrator)
Get-IamCallerIdentity | Out-Host

# 3. Secure the account: alias, CIS password policy, Administrators group, an admin user, MFA enforcement.
#    Controls only a person can fix (root MFA, billing access) come back as ActionRequired.
New-IamAdminBaseline -AccountAlias quickstart-demo -AdminUserName alice | Out-Host

# 4. Run it again: nothing changes the second time.
'Second run:'
New-IamAdminBaseline -AccountAlias quickstart-demo -AdminUserName alice | Where-Object Status -ne 'ActionRequired' | Out-Host

# 5. Onboard two developers; the secrets come back as SecureString only.
'bob', 'carol' | Add-IamDeveloper -GroupName Developers -CreateMissingGroup -GroupPolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess | Out-Host

Exit-IamSandbox
