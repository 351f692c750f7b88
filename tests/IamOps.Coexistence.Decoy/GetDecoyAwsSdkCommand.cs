using System.Management.Automation;
using Amazon;
using Amazon.Runtime;

namespace IamOps.Coexistence.Decoy;

/// <summary>Uses its AWSSDK.Core the way AWS.Tools does (credentials, region metadata) and says which SDK answered.</summary>
[Cmdlet(VerbsCommon.Get, "DecoyAwsSdk")]
[OutputType(typeof(string))]
public sealed class GetDecoyAwsSdkCommand : PSCmdlet
{
    protected override void ProcessRecord()
    {
        var credentials = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").GetCredentials();
        var region = RegionEndpoint.GetBySystemName("eu-west-1");
        var sdk = typeof(AWSCredentials).Assembly.GetName();
        WriteObject($"{sdk.Name} {sdk.Version} {region.SystemName} {credentials.AccessKey}");
    }
}
