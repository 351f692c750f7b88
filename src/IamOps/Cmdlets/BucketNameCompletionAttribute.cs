using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>Completes an S3 bucket name the account owns from the account the command would use: put <c>[BucketNameCompletion]</c> on the parameter.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BucketNameCompletionAttribute : ArgumentCompleterAttribute
{
    public BucketNameCompletionAttribute()
        : base(typeof(BucketNameCompleter))
    {
    }
}
