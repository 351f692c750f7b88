using IamOps.Accounts;
using IamOps.Aws;

namespace IamOps.Principals;

/// <summary>The user, group or role a grant is for.</summary>
public sealed record PrincipalTarget(IdentityKind Kind, string Name)
{
    /// <summary>Checks the name against IAM's rules for its kind.</summary>
    public void Check()
    {
        switch (Kind)
        {
            case IdentityKind.User:
                IamNames.CheckUserName(Name);
                break;
            case IdentityKind.Group:
                IamNames.CheckGroupName(Name);
                break;
            default:
                IamNames.CheckRoleName(Name);
                break;
        }
    }

    /// <summary>As plans and messages name it, e.g. 'user alice'.</summary>
    public override string ToString() => Kind.ToString().ToLowerInvariant() + " " + Name;
}
