namespace IamOps.PolicyCheck;

/// <summary>What an account holds for one user, group or role: its ARN, every identity policy that applies, its boundary.</summary>
public sealed record PrincipalPolicies(string PrincipalArn, IReadOnlyList<SourcedPolicy> IdentityPolicies, SourcedPolicy? PermissionsBoundary);
