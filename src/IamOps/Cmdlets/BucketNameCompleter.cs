using IamOps.Completion;

namespace IamOps.Cmdlets;

/// <summary>Tab completion of an S3 bucket name the account owns, from the account the command would use.</summary>
public sealed class BucketNameCompleter : AccountNameCompleter
{
    internal override AccountNameKind Kind => AccountNameKind.Bucket;
}
