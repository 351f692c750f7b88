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

    /// <summary>What this connection points at, for verbose output: region, credential source, endpoint.</summary>
    string Description { get; }
}
