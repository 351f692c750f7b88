namespace IamOps.Connection;

/// <summary>
/// The shell-session defaults AWS.Tools leaves behind (<c>$StoredAWSRegion</c>, <c>$StoredAWSCredentials</c> from
/// Set-DefaultAWSRegion / Set-AWSCredential), read by the cmdlet and honoured after explicit parameters.
/// </summary>
public sealed class SessionDefaults
{
    public static SessionDefaults None { get; } = new();

    public object? StoredRegion { get; init; }

    public object? StoredCredentials { get; init; }
}
