using System.Management.Automation;
using IamOps.Aws;

namespace IamOps.Cmdlets;

/// <summary>Who am I? STS GetCallerIdentity for the resolved credentials: account, ARN and user id.</summary>
[Cmdlet(VerbsCommon.Get, "IamCallerIdentity")]
[OutputType(typeof(CallerIdentity))]
public sealed class GetIamCallerIdentityCommand : IamOpsCmdlet
{
    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(Await(Connection.Sts.GetCallerIdentityAsync));
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }
}
