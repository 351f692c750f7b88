using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>Completes an IAM role name from the account the command would use: put <c>[RoleNameCompletion]</c> on the parameter.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class RoleNameCompletionAttribute : ArgumentCompleterAttribute
{
    public RoleNameCompletionAttribute()
        : base(typeof(RoleNameCompleter))
    {
    }
}
