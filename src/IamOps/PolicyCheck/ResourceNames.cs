namespace IamOps.PolicyCheck;

/// <summary>What a resource ARN says about the question: whether it is a role, and which account owns it.</summary>
public static class ResourceNames
{
    /// <summary>An IAM role ARN (arn:partition:iam::account:role/...).</summary>
    public static bool IsRole(string resource)
    {
        var parts = resource.Split(new[] { ':' }, 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5].StartsWith("role/", StringComparison.Ordinal);
    }

    /// <summary>The 12-digit account of an ARN, or null (S3 bucket ARNs and "*" carry none).</summary>
    public static string? AccountOf(string resource)
    {
        var parts = resource.Split(new[] { ':' }, 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[4].Length == 12 && parts[4].All(char.IsDigit) ? parts[4] : null;
    }
}
