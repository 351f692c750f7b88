namespace IamOps.BucketAccess;

/// <summary>
/// A policy after a grant's statements were taken out: whether anything was ours to remove, and what is left
/// (null when nothing is, so the policy itself goes).
/// </summary>
public sealed record BucketGrantRemoval(bool Changed, string? RemainingDocument);
