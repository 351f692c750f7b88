namespace IamOps.Simulator;

/// <summary>Keys of a sandbox principal: a user's access key, or session credentials issued by AssumeRole.</summary>
public sealed record SimulatorCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null);
