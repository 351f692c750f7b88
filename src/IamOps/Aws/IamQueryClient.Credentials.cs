using System.Runtime.CompilerServices;

namespace IamOps.Aws;

// Signing certificates, SSH public keys and service-specific credentials: user dependents that block DeleteUser.
internal sealed partial class IamQueryClient
{
    public Task<UserCredential> UploadSigningCertificateAsync(string userName, string certificateBody, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UploadSigningCertificate").Add("UserName", userName).Add("CertificateBody", certificateBody),
            userName, r => IamXml.UserCredential(r.Field("Certificate"), "CertificateId"), cancellationToken);

    public IAsyncEnumerable<UserCredential> ListSigningCertificatesAsync(string userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListSigningCertificates").Add("UserName", userName), "Certificates", m => IamXml.UserCredential(m, "CertificateId"), userName, cancellationToken);

    public Task DeleteSigningCertificateAsync(string userName, string certificateId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteSigningCertificate").Add("UserName", userName).Add("CertificateId", certificateId), certificateId, cancellationToken);

    public Task<UserCredential> UploadSshPublicKeyAsync(string userName, string sshPublicKeyBody, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UploadSSHPublicKey").Add("UserName", userName).Add("SSHPublicKeyBody", sshPublicKeyBody),
            userName, r => IamXml.UserCredential(r.Field("SSHPublicKey"), "SSHPublicKeyId"), cancellationToken);

    public IAsyncEnumerable<UserCredential> ListSshPublicKeysAsync(string userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListSSHPublicKeys").Add("UserName", userName), "SSHPublicKeys", m => IamXml.UserCredential(m, "SSHPublicKeyId"), userName, cancellationToken);

    public Task DeleteSshPublicKeyAsync(string userName, string sshPublicKeyId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteSSHPublicKey").Add("UserName", userName).Add("SSHPublicKeyId", sshPublicKeyId), sshPublicKeyId, cancellationToken);

    public Task<UserCredential> CreateServiceSpecificCredentialAsync(string userName, string serviceName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("CreateServiceSpecificCredential").Add("UserName", userName).Add("ServiceName", serviceName),
            userName, r => IamXml.UserCredential(r.Field("ServiceSpecificCredential"), "ServiceSpecificCredentialId"), cancellationToken);

    // Not paged: IAM returns every credential of the user at once.
    public async IAsyncEnumerable<UserCredential> ListServiceSpecificCredentialsAsync(string userName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var list = await CallAsync(new IamQueryRequest("ListServiceSpecificCredentials").Add("UserName", userName), userName,
            r => r.List("ServiceSpecificCredentials").Select(m => IamXml.UserCredential(m, "ServiceSpecificCredentialId")).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var credential in list)
        {
            yield return credential;
        }
    }

    public Task DeleteServiceSpecificCredentialAsync(string userName, string credentialId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteServiceSpecificCredential").Add("UserName", userName).Add("ServiceSpecificCredentialId", credentialId), credentialId, cancellationToken);
}
