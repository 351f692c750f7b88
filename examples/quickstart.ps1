# IamOps quick start.
# Run it on a machine with only the .NET SDK:  dotnet run --project src/IamOps.Host -- -File examples/quickstart.ps1
# Today it shows the module and how IamOps will connect; the sandbox (a simulated account that needs no AWS
# credentials) lands with the simulator, and this script grows with each cmdlet.

$module = Get-Module IamOps
"IamOps $($module.Version) is loaded from $($module.ModuleBase)."
''
'Cmdlets:'
Get-Command -Module IamOps

''
'Connection: IamOps resolves credentials and region like AWS.Tools for PowerShell:'
'  -ProfileName / -ProfileLocation, -AccessKey / -SecretKey / -SessionToken, -Credential, -Region, -EndpointUrl,'
'  then $StoredAWSCredentials / $StoredAWSRegion, AWS_* environment variables, ~/.aws profiles, container and instance roles.'
''
if ($env:AWS_PROFILE -or $env:AWS_ACCESS_KEY_ID) {
    'Credentials found in the environment; asking STS who you are:'
    Get-IamCallerIdentity
}
else {
    'No AWS credentials in the environment, so no call is made. With credentials, run:'
    '  Get-IamCallerIdentity -ProfileName <profile>'
}
