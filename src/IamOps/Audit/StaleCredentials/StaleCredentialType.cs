namespace IamOps.Audit.StaleCredentials;

/// <summary>The kind of credential a clean-up change touches.</summary>
public enum StaleCredentialType
{
    AccessKey,
    Password,
}
