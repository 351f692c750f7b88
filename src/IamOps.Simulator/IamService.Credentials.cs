using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

// Signing certificates, SSH public keys and service-specific credentials: user dependents that block DeleteUser.
internal sealed partial class IamService
{
    private const int CredentialsPerKind = 2;

    public UserCredential UploadSigningCertificate(string userName, string certificateBody) =>
        AddCredential(userName, u => u.SigningCertificates, "certificateBody", certificateBody, "SigningCertificatesPerUser", SecretGenerator.UniqueId("CERT"), null);

    public IReadOnlyList<UserCredential> ListSigningCertificates(string userName) => ListCredentials(userName, u => u.SigningCertificates, null);

    public void DeleteSigningCertificate(string userName, string certificateId) =>
        RemoveCredential(userName, u => u.SigningCertificates, certificateId, $"The Certificate with id {certificateId} cannot be found.");

    public UserCredential UploadSshPublicKey(string userName, string sshPublicKeyBody) =>
        AddCredential(userName, u => u.SshPublicKeys, "sSHPublicKeyBody", sshPublicKeyBody, "SSHPublicKeysPerUser", SecretGenerator.UniqueId("APKA"), null);

    public IReadOnlyList<UserCredential> ListSshPublicKeys(string userName) => ListCredentials(userName, u => u.SshPublicKeys, null);

    public void DeleteSshPublicKey(string userName, string sshPublicKeyId) =>
        RemoveCredential(userName, u => u.SshPublicKeys, sshPublicKeyId, $"The Public Key with id {sshPublicKeyId} cannot be found.");

    public UserCredential CreateServiceSpecificCredential(string userName, string serviceName) =>
        AddCredential(userName, u => u.ServiceSpecificCredentials, "serviceName", serviceName, "ServiceSpecificCredentialsPerUserPerService", SecretGenerator.UniqueId("ACCA"), serviceName);

    public IReadOnlyList<UserCredential> ListServiceSpecificCredentials(string userName) => ListCredentials(userName, u => u.ServiceSpecificCredentials, c => c.Body);

    public void DeleteServiceSpecificCredential(string userName, string credentialId) =>
        RemoveCredential(userName, u => u.ServiceSpecificCredentials, credentialId, $"No such credential {credentialId} exists for user {userName}.");

    private UserCredential AddCredential(string userName, Func<UserState, List<UserCredentialState>> of, string member, string? body, string quota, string id, string? serviceName)
    {
        var user = FindUser(userName);
        if (string.IsNullOrEmpty(body))
        {
            throw ServiceError.Missing(member);
        }

        var list = of(user);
        if (list.Count(c => serviceName is null || c.Body == serviceName) >= CredentialsPerKind)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for {quota}: {CredentialsPerKind}");
        }

        var credential = new UserCredentialState { Id = id, Body = body!, CreateDate = Now };
        list.Add(credential);
        return new UserCredential { UserName = user.Name, Id = id, Status = AccessKeyStatus.Active, ServiceName = serviceName };
    }

    private IReadOnlyList<UserCredential> ListCredentials(string userName, Func<UserState, List<UserCredentialState>> of, Func<UserCredentialState, string>? serviceName)
    {
        var user = FindUser(userName);
        return of(user).Select(c => new UserCredential { UserName = user.Name, Id = c.Id, Status = ParseStatus(c.Status), ServiceName = serviceName?.Invoke(c) }).ToList();
    }

    private void RemoveCredential(string userName, Func<UserState, List<UserCredentialState>> of, string id, string notFound)
    {
        var user = FindUser(userName);
        if (of(user).RemoveAll(c => c.Id == id) == 0)
        {
            throw ServiceError.NoSuchEntity(notFound);
        }
    }
}
