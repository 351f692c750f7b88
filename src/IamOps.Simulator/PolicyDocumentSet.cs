namespace IamOps.Simulator;

/// <summary>Policy documents added to a caller's own for one decision: a resource (or trust) policy, extra identity policies.</summary>
internal sealed record PolicyDocumentSet(string? Resource, IReadOnlyList<string> Identity);
