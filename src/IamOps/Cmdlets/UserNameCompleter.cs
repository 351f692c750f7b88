using IamOps.Completion;

namespace IamOps.Cmdlets;

/// <summary>Tab completion of an IAM user name, from the account the command would use.</summary>
public sealed class UserNameCompleter : AccountNameCompleter
{
    internal override AccountNameKind Kind => AccountNameKind.User;
}
