using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The IAM actions on user credentials: signing certificates, SSH public keys, service-specific credentials, access keys and MFA devices.</summary>
internal static partial class IamQueryActions
{
    private static Dictionary<string, QueryHandler> Credentials() => new(StringComparer.Ordinal)
    {
        // Signing certificates, SSH public keys, service-specific credentials
        ["UploadSigningCertificate"] = c =>
        {
            var cert = c.Run(_ => c.Iam.UploadSigningCertificate(c.Parameters.Required("UserName"), c.Parameters.Required("CertificateBody")));
            return w => Wrapped(w, "Certificate", cert, (x, v) => UserCredential(x, v, "CertificateId"));
        },
        ["ListSigningCertificates"] = c => c.Page("Certificates", c.Run(_ => c.Iam.ListSigningCertificates(c.Parameters.Required("UserName"))), (x, v) => UserCredential(x, v, "CertificateId")),
        ["DeleteSigningCertificate"] = c => c.Run(_ => c.Iam.DeleteSigningCertificate(c.Parameters.Required("UserName"), c.Parameters.Required("CertificateId"))),
        ["UploadSSHPublicKey"] = c =>
        {
            var key = c.Run(_ => c.Iam.UploadSshPublicKey(c.Parameters.Required("UserName"), c.Parameters.Required("SSHPublicKeyBody")));
            return w => Wrapped(w, "SSHPublicKey", key, (x, v) => UserCredential(x, v, "SSHPublicKeyId"));
        },
        ["ListSSHPublicKeys"] = c => c.Page("SSHPublicKeys", c.Run(_ => c.Iam.ListSshPublicKeys(c.Parameters.Required("UserName"))), (x, v) => UserCredential(x, v, "SSHPublicKeyId")),
        ["DeleteSSHPublicKey"] = c => c.Run(_ => c.Iam.DeleteSshPublicKey(c.Parameters.Required("UserName"), c.Parameters.Required("SSHPublicKeyId"))),
        ["CreateServiceSpecificCredential"] = c =>
        {
            var credential = c.Run(_ => c.Iam.CreateServiceSpecificCredential(c.Parameters.Required("UserName"), c.Parameters.Required("ServiceName")));
            return w => Wrapped(w, "ServiceSpecificCredential", credential, (x, v) => UserCredential(x, v, "ServiceSpecificCredentialId"));
        },
        ["ListServiceSpecificCredentials"] = c =>
        {
            var list = c.Run(_ => c.Iam.ListServiceSpecificCredentials(c.Parameters.Required("UserName")));
            return w =>
            {
                w.WriteStartElement("ServiceSpecificCredentials");
                foreach (var v in list)
                {
                    w.WriteStartElement("member");
                    UserCredential(w, v, "ServiceSpecificCredentialId");
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            };
        },
        ["DeleteServiceSpecificCredential"] = c => c.Run(_ => c.Iam.DeleteServiceSpecificCredential(c.Parameters.Required("UserName"), c.Parameters.Required("ServiceSpecificCredentialId"))),

        // Access keys
        ["CreateAccessKey"] = c =>
        {
            var key = c.Run(caller => c.Iam.CreateAccessKey(caller, c.Parameters.Get("UserName")));
            return w => Wrapped(w, "AccessKey", key, (x, k) =>
            {
                x.WriteElementString("UserName", k.UserName);
                x.WriteElementString("AccessKeyId", k.AccessKeyId);
                x.WriteElementString("Status", k.Status.ToString());
                x.WriteElementString("SecretAccessKey", k.SecretAccessKey);
                x.WriteElementString("CreateDate", QueryXml.Date(k.CreateDate));
            });
        },
        ["ListAccessKeys"] = c =>
        {
            var userName = c.Parameters.Get("UserName");
            var keys = c.Run(caller => c.Iam.ListAccessKeys(caller, userName));
            return c.Page("AccessKeyMetadata", keys, (x, k) =>
            {
                x.WriteElementString("UserName", k.UserName);
                x.WriteElementString("AccessKeyId", k.AccessKeyId);
                x.WriteElementString("Status", k.Status.ToString());
                x.WriteElementString("CreateDate", QueryXml.Date(k.CreateDate));
            });
        },
        ["UpdateAccessKey"] = c =>
        {
            var status = c.Parameters.Required("Status") switch
            {
                "Active" => AccessKeyStatus.Active,
                "Inactive" => AccessKeyStatus.Inactive,
                var other => throw ServiceError.Constraint("status", other, "Member must satisfy enum value set: [Active, Inactive]"),
            };
            return c.Run(caller => c.Iam.UpdateAccessKey(caller, c.Parameters.Get("UserName"), c.Parameters.Required("AccessKeyId"), status));
        },
        ["DeleteAccessKey"] = c => c.Run(caller => c.Iam.DeleteAccessKey(caller, c.Parameters.Get("UserName"), c.Parameters.Required("AccessKeyId"))),
        ["GetAccessKeyLastUsed"] = c =>
        {
            var (userName, key) = c.Run(_ => c.Iam.GetAccessKeyLastUsed(c.Parameters.Required("AccessKeyId")));
            return w =>
            {
                w.WriteElementString("UserName", userName);
                w.WriteStartElement("AccessKeyLastUsed");
                QueryXml.Text(w, "LastUsedDate", key.LastUsedDate is { } used ? QueryXml.Date(used) : null);
                w.WriteElementString("ServiceName", key.LastUsedService ?? "N/A");
                w.WriteElementString("Region", key.LastUsedRegion ?? "N/A");
                w.WriteEndElement();
            };
        },

        // MFA
        ["CreateVirtualMFADevice"] = c =>
        {
            var p = c.Parameters;
            var (device, _) = c.Run(_ => c.Iam.CreateVirtualMfaDevice(p.Required("VirtualMFADeviceName"), p.Get("Path"), p.Tags()));
            return w => Wrapped(w, "VirtualMFADevice", device, (x, d) =>
            {
                x.WriteElementString("SerialNumber", d.SerialNumber);

                // A blob in the API model: the seed's ASCII characters, base64-encoded.
                x.WriteElementString("Base32StringSeed", Convert.ToBase64String(Encoding.ASCII.GetBytes(d.Base32StringSeed)));
                x.WriteElementString("QRCodePNG", Convert.ToBase64String(d.QrCodePng));
            });
        },
        ["EnableMFADevice"] = c =>
        {
            var p = c.Parameters;
            return c.Run(_ => c.Iam.EnableMfaDevice(p.Required("UserName"), p.Required("SerialNumber"), p.Required("AuthenticationCode1"), p.Required("AuthenticationCode2")));
        },
        ["DeactivateMFADevice"] = c => c.Run(_ => c.Iam.DeactivateMfaDevice(c.Parameters.Required("UserName"), c.Parameters.Required("SerialNumber"))),
        ["DeleteVirtualMFADevice"] = c => c.Run(_ => c.Iam.DeleteVirtualMfaDevice(c.Parameters.Required("SerialNumber"))),
        ["ListMFADevices"] = c => c.Page("MFADevices", c.Run(caller => c.Iam.ListMfaDevices(caller, c.Parameters.Get("UserName"))), (x, d) =>
        {
            x.WriteElementString("UserName", d.UserName);
            x.WriteElementString("SerialNumber", d.SerialNumber);
            x.WriteElementString("EnableDate", QueryXml.Date(d.EnableDate));
        }),
        ["ListVirtualMFADevices"] = c => c.Page("VirtualMFADevices", c.Run(_ => c.Iam.ListVirtualMfaDevices(c.Parameters.Get("AssignmentStatus"))), (x, d) =>
        {
            x.WriteElementString("SerialNumber", d.SerialNumber);
            QueryXml.Text(x, "EnableDate", d.EnableDate is { } enabled ? QueryXml.Date(enabled) : null);
        }),
    };

    private static void UserCredential(XmlWriter w, UserCredential credential, string idElement)
    {
        w.WriteElementString("UserName", credential.UserName);
        w.WriteElementString(idElement, credential.Id);
        w.WriteElementString("Status", credential.Status.ToString());
        if (credential.ServiceName is not null)
        {
            w.WriteElementString("ServiceName", credential.ServiceName);
        }
    }
}
