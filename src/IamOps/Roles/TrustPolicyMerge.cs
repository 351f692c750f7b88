namespace IamOps.Roles;

/// <summary>A trust policy after merging: the document to write and the principals it gained (none: leave the role alone).</summary>
public sealed record TrustPolicyMerge(string Document, IReadOnlyList<TrustPrincipal> Added);
