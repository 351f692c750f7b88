using IamOps.Aws;

namespace IamOps.Simulator;

/// <summary>
/// The simulated account as an <see cref="IAwsConnection"/>, in process: each port call runs against the account as
/// the principal that owns <see cref="Credentials"/>, and fails with the same <see cref="IamOpsException"/> (ErrorId
/// "Aws"+code, kind, AwsErrorCode, HttpStatus) the AWS adapters raise for the same AWS error.
/// </summary>
public sealed class SimulatorConnection : IAwsConnection
{
    internal SimulatorConnection(SimulatedAccount account, SimulatorCredentials credentials)
    {
        Account = account;
        Credentials = credentials;
        Iam = new SimulatorIam(this);
        Sts = new SimulatorSts(this);
        S3 = new SimulatorS3(this);
        Ec2 = new SimulatorEc2(this);
        Organizations = new SimulatorOrganizations(this);
    }

    public SimulatedAccount Account { get; }

    public SimulatorCredentials Credentials { get; }

    public IIam Iam { get; }

    public ISts Sts { get; }

    public IS3 S3 { get; }

    public IEc2 Ec2 { get; }

    public IOrganizations Organizations { get; }

    public string Description => $"IamOps sandbox account {Account.AccountId} (simulated, in process); access key {Credentials.AccessKeyId}";

    /// <summary>The sandbox account itself (its id and identity): sessions cached for one sandbox never serve another.</summary>
    public string SessionScope => "sandbox:" + Account.AccountId + ":" + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Account).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public IIam AccountReader => Account.Connect().Iam;

    /// <summary>None: in the sandbox a profile is read only for the keys it holds.</summary>
    public (string SerialNumber, string Profile)? ProfileMfaSerial() => null;

    /// <summary>A connection for the credentials an AssumeRole call returned, in the account that issued them (in an organization, the role's account).</summary>
    public SimulatorConnection ForSession(AssumedRoleSession session)
    {
        var credentials = new SimulatorCredentials(session.Credentials.AccessKeyId, session.Credentials.SecretAccessKey, session.Credentials.SessionToken);
        return Account.Organization?.Connect(credentials) ?? Account.Connect(credentials);
    }

    /// <param name="action">The IAM action named in error messages, when it is not service:operation (S3's HeadBucket is s3:ListBucket).</param>
    /// <param name="alsoOn">Another account of the organization the call reaches (a cross-account AssumeRole).</param>
    internal T Call<T>(string service, string operation, string? resource, Func<CallerPrincipal, T> apply, string? action = null, Func<CallerPrincipal, Permission?>? permission = null, SimulatedAccount? alsoOn = null)
    {
        action ??= service + ":" + operation;
        try
        {
            return Account.Invoke(Credentials, service, operation, OperationKinds.IsMutating(operation), apply, permission, alsoOn);
        }
        catch (ServiceError raised)
        {
            var error = service == "organizations" ? OrganizationsService.InOrganizationsWords(raised) : raised;
            throw AwsErrors.FromErrorCode(error.Code, error.Message, Guid.NewGuid().ToString(), error.Status == 0 ? null : error.Status, action, resource, error);
        }
        catch (InjectedTransportFault fault)
        {
            throw fault.Kind == FaultKind.Timeout
                ? AwsErrors.TimedOut(action, resource, new TimeoutException(fault.Message))
                : AwsErrors.Unreachable(fault.Message, action, resource, new IOException(fault.Message));
        }
    }

    internal void Call(string service, string operation, string? resource, Action<CallerPrincipal> apply, Func<CallerPrincipal, Permission?>? permission = null) =>
        Call<object?>(service, operation, resource, caller =>
        {
            apply(caller);
            return null;
        }, permission: permission);
}
