namespace IamOps.Audit;

/// <summary>How urgent a security finding is; the numbers order them, so <c>Where-Object Severity -ge High</c> works.</summary>
public enum SecuritySeverity
{
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
