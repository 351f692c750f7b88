namespace IamOps.Policy.Evaluation;

/// <summary>Which rule settled a decision; turned into words only when the caller asked for an explanation.</summary>
internal enum Outcome
{
    ExplicitDeny,
    ServiceControlLevelWithoutAllow,
    ResourceControlLevelWithoutAllow,
    RootCannotAssumeRole,
    ServiceNotNamed,
    NoResourcePolicyAcrossAccounts,
    ResourcePolicyDoesNotNameAcrossAccounts,
    NoRequiredPolicy,
    RequiredPolicyDoesNotName,
    RequiredPolicyNamesOnlyAccount,
    NoIdentityAllow,
    BoundaryDoesNotAllow,
    SessionPolicyDoesNotAllow,
    AllowedAsRoot,
    AllowedByResourcePolicy,
    AllowedByResourcePolicyAndIdentity,
    AllowedByIdentity,
    AllowedAcrossAccounts,
}
