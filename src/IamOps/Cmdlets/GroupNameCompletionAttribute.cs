using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>Completes an IAM group name from the account the command would use: put <c>[GroupNameCompletion]</c> on the parameter.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class GroupNameCompletionAttribute : ArgumentCompleterAttribute
{
    public GroupNameCompletionAttribute()
        : base(typeof(GroupNameCompleter))
    {
    }
}
