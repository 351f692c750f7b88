using System.Management.Automation;
using IamOps.Secrets;

namespace IamOps.Cmdlets;

/// <summary>Lets a SecureString parameter also take plain text (a seed copied from a file), which PowerShell does not convert by itself.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecureStringFromTextAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is string text ? SecretText.ToSecureString(text) : inputData;
    }
}
