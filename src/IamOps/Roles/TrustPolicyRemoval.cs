namespace IamOps.Roles;

/// <summary>A trust policy with principals taken out: the document, which principals it named, and how many statements remain.</summary>
public sealed record TrustPolicyRemoval(string Document, IReadOnlyList<TrustPrincipal> Removed, int RemainingStatements);
