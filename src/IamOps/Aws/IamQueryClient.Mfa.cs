namespace IamOps.Aws;

// Virtual MFA devices.
internal sealed partial class IamQueryClient
{
    public Task DeactivateMfaDeviceAsync(string userName, string serialNumber, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeactivateMFADevice").Add("UserName", userName).Add("SerialNumber", serialNumber), serialNumber, cancellationToken);

    public Task DeleteVirtualMfaDeviceAsync(string serialNumber, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteVirtualMFADevice").Add("SerialNumber", serialNumber), serialNumber, cancellationToken);

    public Task<VirtualMfaDevice> CreateVirtualMfaDeviceAsync(string virtualMfaDeviceName, string? path, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateVirtualMFADevice").Add("VirtualMFADeviceName", virtualMfaDeviceName).Add("Path", path).AddTags("Tags", tags),
            virtualMfaDeviceName, r => IamXml.VirtualMfaDevice(r.Field("VirtualMFADevice")), cancellationToken);

    public Task EnableMfaDeviceAsync(string userName, string serialNumber, string authenticationCode1, string authenticationCode2, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("EnableMFADevice").Add("UserName", userName).Add("SerialNumber", serialNumber)
                .Add("AuthenticationCode1", authenticationCode1).Add("AuthenticationCode2", authenticationCode2),
            userName, cancellationToken);

    public IAsyncEnumerable<MfaDevice> ListMfaDevicesAsync(string? userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListMFADevices").Add("UserName", userName), "MFADevices", IamXml.MfaDevice, userName, cancellationToken);

    public IAsyncEnumerable<string> ListUnassignedVirtualMfaDevicesAsync(CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListVirtualMFADevices").Add("AssignmentStatus", "Unassigned"), "VirtualMFADevices", m => m.Required("SerialNumber"), null, cancellationToken);
}
