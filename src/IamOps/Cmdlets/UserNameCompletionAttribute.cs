using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>Completes an IAM user name from the account the command would use: put <c>[UserNameCompletion]</c> on the parameter.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class UserNameCompletionAttribute : ArgumentCompleterAttribute
{
    public UserNameCompletionAttribute()
        : base(typeof(UserNameCompleter))
    {
    }
}
