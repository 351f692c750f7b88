using IamOps.Completion;

namespace IamOps.Cmdlets;

/// <summary>Tab completion of an IAM group name, from the account the command would use.</summary>
public sealed class GroupNameCompleter : AccountNameCompleter
{
    internal override AccountNameKind Kind => AccountNameKind.Group;
}
