using IamOps.Simulator.State;

namespace IamOps.Simulator;

// The sandbox's own setup and inspection, outside the API: buckets, EC2 instances, MFA codes.
public sealed partial class SimulatedAccount
{
    /// <summary>Adds an S3 bucket (S3 itself is not simulated beyond ListBuckets, HeadBucket and GetBucketLocation).</summary>
    /// <param name="ownerAccountId">Another account's id makes a bucket that exists but is not ours (403).</param>
    public void AddBucket(string bucketName, string region = "us-east-1", string? ownerAccountId = null)
    {
        lock (Gate)
        {
            State.Buckets[bucketName] = new BucketState { Name = bucketName, Region = region, OwnerAccountId = ownerAccountId ?? AccountId };
        }
    }

    /// <summary>Adds a running EC2 instance with no instance profile (EC2 itself is not simulated beyond instance profile associations).</summary>
    /// <param name="instanceId">i- followed by 8 or 17 lowercase hex digits; null makes one up.</param>
    /// <returns>The instance id.</returns>
    public string AddInstance(string? instanceId = null)
    {
        instanceId ??= SecretGenerator.Ec2Id("i");
        if (!Ec2Service.IsInstanceId(instanceId))
        {
            throw new ArgumentException($"An instance id is i- followed by 8 or 17 lowercase hex digits; '{instanceId}' is not.", nameof(instanceId));
        }

        lock (Gate)
        {
            State.Instances[instanceId] = new InstanceState { InstanceId = instanceId };
        }

        return instanceId;
    }

    /// <summary>The name of the instance profile associated with an instance added by <see cref="AddInstance"/>, or null when it has none.</summary>
    public string? InstanceProfileOf(string instanceId)
    {
        lock (Gate)
        {
            return State.Instances.TryGetValue(instanceId, out var instance)
                ? instance.Association?.InstanceProfileName
                : throw new IamOpsException("AwsInvalidInstanceID.NotFound", FailureKind.ObjectNotFound, $"The instance ID '{instanceId}' does not exist", instanceId);
        }
    }

    /// <summary>The otpauth:// URI of a virtual MFA device (what its QR code holds), for authenticator apps.</summary>
    public string VirtualMfaOtpAuthUri(string serialNumber)
    {
        lock (Gate)
        {
            if (!State.MfaDevices.TryGetValue(serialNumber, out var device))
            {
                throw new IamOpsException("AwsNoSuchEntity", FailureKind.ObjectNotFound, $"No virtual MFA device {serialNumber}.", serialNumber);
            }

            return Iam.OtpAuthUri(device);
        }
    }

    /// <inheritdoc />
    public string MfaCode(string serialNumber, DateTime? at)
    {
        lock (Gate)
        {
            ReloadWhenChangedElsewhere();
            return State.MfaDevices.TryGetValue(serialNumber, out var device)
                ? TimeBasedOneTimePassword.Compute(device.Base32Seed, at ?? Now)
                : throw new IamOpsException("MfaDeviceNotFound", FailureKind.ObjectNotFound,
                    $"The sandbox account {AccountId} has no MFA device {serialNumber}. Its virtual devices are created with New-IamAdminBaseline or Add-IamDeveloper -EnableVirtualMfa.", serialNumber);
        }
    }

    /// <inheritdoc />
    public void AddBuckets(IEnumerable<string> bucketNames, string region) => ChangeAndSave(() =>
    {
        foreach (var name in bucketNames.Where(n => !State.Buckets.ContainsKey(n)))
        {
            State.Buckets[name] = new BucketState { Name = name, Region = region, OwnerAccountId = AccountId };
        }
    });

    /// <summary>
    /// A hardware MFA token handed to someone of the account (a fixture: IAM has no call that creates one). Enable it for
    /// a user with EnableMFADevice and two consecutive codes from <see cref="MfaCode"/>.
    /// </summary>
    public void AddHardwareMfaDevice(string serialNumber) => ChangeAndSave(() =>
    {
        try
        {
            Iam.AddHardwareMfaDevice(serialNumber);
        }
        catch (ServiceError error)
        {
            throw new IamOpsException("HardwareMfaDeviceInvalid", FailureKind.InvalidArgument, error.Message, serialNumber);
        }
    });

    /// <inheritdoc />
    public void AddInstances(IEnumerable<string> instanceIds)
    {
        var ids = instanceIds.ToList();
        foreach (var id in ids.Where(i => !Ec2Service.IsInstanceId(i)))
        {
            throw new IamOpsException("InstanceIdInvalid", FailureKind.InvalidArgument, $"'{id}' is not an EC2 instance id: i- followed by 8 or 17 lowercase hex digits, e.g. i-0123456789abcdef0.", id);
        }

        ChangeAndSave(() =>
        {
            foreach (var id in ids.Where(i => !State.Instances.ContainsKey(i)))
            {
                State.Instances[id] = new InstanceState { InstanceId = id };
            }
        });
    }
}
