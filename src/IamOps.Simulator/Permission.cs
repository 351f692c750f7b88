namespace IamOps.Simulator;

/// <summary>What a call needs its caller to be allowed: an IAM action on a resource ARN.</summary>
internal sealed record Permission(string Action, string Resource);
