namespace IamOps.Aws;

/// <summary>
/// The one door to an account: the ports an operation may call. The AWS implementation and the simulator both provide
/// it; no cmdlet knows which it has.
/// </summary>
public interface IAwsConnection
{
    IIam Iam { get; }

    ISts Sts { get; }

    IS3 S3 { get; }

    IEc2 Ec2 { get; }

    /// <summary>AWS Organizations (global: one endpoint for the partition).</summary>
    IOrganizations Organizations { get; }

    /// <summary>What this connection points at, for verbose output: region, credential source, endpoint.</summary>
    string Description { get; }

    /// <summary>Which account or endpoint this connection reaches, so cached sessions never cross them (whose keys is not part of it).</summary>
    string SessionScope { get; }

    /// <summary>
    /// IAM as read to explain a denial (a role's trust policy and maximum session): the caller's own on AWS; in the
    /// sandbox its administrator, as the sandbox can see every principal it holds.
    /// </summary>
    IIam AccountReader { get; }

    /// <summary>The MFA device (mfa_serial) of the profile the credentials come from, and that profile; null when there is none.</summary>
    (string SerialNumber, string Profile)? ProfileMfaSerial();
}
