namespace IamOps.Aws;

/// <summary>A tag on an IAM user, role, policy or instance profile.</summary>
public sealed record IamTag(string Key, string Value);
