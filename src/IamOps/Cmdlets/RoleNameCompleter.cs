using IamOps.Completion;

namespace IamOps.Cmdlets;

/// <summary>Tab completion of an IAM role name, from the account the command would use.</summary>
public sealed class RoleNameCompleter : AccountNameCompleter
{
    internal override AccountNameKind Kind => AccountNameKind.Role;
}
