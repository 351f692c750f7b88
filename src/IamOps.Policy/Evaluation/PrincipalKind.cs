namespace IamOps.Policy.Evaluation;

internal enum PrincipalKind
{
    User,
    RoleSession,
    Root,
    FederatedUser,
    Other,
}
