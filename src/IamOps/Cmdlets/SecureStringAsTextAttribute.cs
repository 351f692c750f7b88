using System.Management.Automation;
using System.Security;
using IamOps.Connection;

namespace IamOps.Cmdlets;

/// <summary>
/// Lets a string parameter take a SecureString (our outputs carry secrets that way) without PowerShell turning it
/// into the text "System.Security.SecureString".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecureStringAsTextAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is SecureString ? ShapeBoundCredentials.AsPlainText(value) : inputData;
    }
}
