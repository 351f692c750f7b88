using System.Globalization;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using IamOps.Aws;
using IamOps.Connection;
using IamOps.RoleAssume;
using IamOps.Sandbox;
using IamOps.Secrets;

namespace IamOps.Cmdlets;

/// <summary>
/// How an IamOps command in this session reaches an account: the session's sandbox (<c>$IamOpsSandbox</c>, else
/// IAMOPS_SANDBOX) when there is one, otherwise AWS resolved from the command's connection parameters, AWS.Tools'
/// session defaults and the environment. Cmdlets and argument completers both connect through it, so Tab lists the
/// account the command would work on. The session variables are read when it is made, on the pipeline thread.
/// </summary>
internal sealed class SessionConnector
{
    private static readonly ConditionalWeakTable<ISandbox, string> SandboxIds = new();
    private readonly ISandbox? _sandbox;
    private readonly SessionDefaults _defaults;

    /// <param name="variable">Reads a session variable, e.g. <c>SessionState.PSVariable.GetValue</c>.</param>
    public SessionConnector(Func<string, object?> variable)
    {
        _sandbox = Unwrap(variable(EnterIamSandboxCommand.VariableName)) as ISandbox;
        _defaults = new SessionDefaults
        {
            StoredRegion = Unwrap(variable("StoredAWSRegion")),
            StoredCredentials = Unwrap(variable("StoredAWSCredentials")),
        };
    }

    /// <summary>The sandbox this session works in, or null when it works on AWS.</summary>
    public ISandbox? Sandbox => _sandbox ?? SandboxLoader.FromEnvironmentVariable();

    /// <summary>
    /// The parameters a command given these values connects with: inside Invoke-IamRoleAssume -ScriptBlock, a command
    /// given no credentials of its own runs as the role; a session token counts only beside keys.
    /// </summary>
    public static ConnectionParameters Parameters(string? profileName, string? profileLocation, string? region, object? credential, string? accessKey, string? secretKey, string? sessionToken, string? endpointUrl)
    {
        var ambient = accessKey is null && credential is null && profileName is null ? AmbientRoleCredentials.Current : null;
        return new ConnectionParameters
        {
            ProfileName = profileName,
            ProfileLocation = profileLocation,
            Region = region,
            Credential = AsShape(credential),
            AccessKey = ambient?.AccessKeyId ?? accessKey,
            SecretKey = ambient is null ? secretKey : SecretText.ToPlainText(ambient.SecretAccessKey),
            SessionToken = ambient is null ? (accessKey is null && secretKey is null ? null : sessionToken) : SecretText.ToPlainText(ambient.SessionToken),
            EndpointUrl = endpointUrl,
        };
    }

    /// <summary>Equal for parameters that connect the same way (a credential object by its identity).</summary>
    public static string KeyOf(ConnectionParameters parameters) =>
        string.Join("\n", parameters.ProfileName, parameters.ProfileLocation, parameters.Region, parameters.AccessKey, parameters.SecretKey, parameters.SessionToken, parameters.EndpointUrl, parameters.Anonymous ? "anonymous" : string.Empty)
        + "\n" + (parameters.Credential is null ? string.Empty : RuntimeHelpers.GetHashCode(parameters.Credential).ToString(CultureInfo.InvariantCulture));

    public IAwsConnection Connect(ConnectionParameters parameters)
    {
        var sandbox = Sandbox;
        if (sandbox is null)
        {
            return AwsConnection.For(new ConnectionResolver().Resolve(parameters, _defaults));
        }

        // What can be checked offline is checked as AWS would have it; a profile is read only for the keys it holds.
        ConnectionResolver.CheckOffline(parameters);
        var (accessKey, secretKey, sessionToken) = parameters.Anonymous ? (null, null, null) : SandboxKeys(sandbox, parameters);
        return sandbox.Connect(accessKey, secretKey, sessionToken);
    }

    /// <summary>
    /// The keys a command signs with in the sandbox, as AWS would take them: -AccessKey/-SecretKey/-SessionToken, else
    /// -Credential, else the keys a -ProfileName/-ProfileLocation profile holds; else those in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN when the sandbox issued them
    /// (as after Invoke-IamRoleAssume -SetEnvironment), as the default chain would take them; else none, which is the
    /// sandbox's administrator. Keys given explicitly that the sandbox never issued are refused, never replaced by the
    /// administrator's; real AWS keys in the environment never reach the sandbox.
    /// </summary>
    private static (string? AccessKey, string? SecretKey, string? SessionToken) SandboxKeys(ISandbox sandbox, ConnectionParameters parameters)
    {
        if (parameters.AccessKey is not null)
        {
            return Issued(sandbox, parameters.AccessKey, parameters.SecretKey, parameters.SessionToken, "-AccessKey");
        }

        if (parameters.Credential is not null)
        {
            var keys = ShapeBoundCredentials.TryReadKeys(parameters.Credential)
                ?? throw new IamOpsException("CredentialNotRecognized", FailureKind.InvalidArgument,
                    $"-Credential got a {parameters.Credential.GetType().FullName}, which holds no AWS credentials. Pass the Credentials of an Invoke-IamRoleAssume session or an object with AccessKeyId and SecretAccessKey.",
                    parameters.Credential.GetType().FullName);
            return Issued(sandbox, keys.AccessKey, keys.SecretKey, keys.Token, "-Credential");
        }

        if (parameters.ProfileName is not null || parameters.ProfileLocation is not null)
        {
            var name = parameters.ProfileName ?? "default";
            var stored = ConnectionResolver.StoredKeys(name, parameters.ProfileLocation)
                ?? throw new IamOpsException("SandboxProfileUnsupported", FailureKind.InvalidArgument,
                    $"The profile '{name}' gets its credentials from a service (SSO, a role to assume, or a credential process), which the sandbox never calls. "
                    + "In the sandbox, use a profile that holds keys the sandbox issued, -AccessKey/-SecretKey, or leave the connection parameters out to work as the sandbox's administrator.",
                    name);
            return Issued(sandbox, stored.AccessKey, stored.SecretKey, stored.Token, $"-ProfileName {name}");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        return fromEnvironment is { Length: > 0 } && sandbox.Issued(fromEnvironment)
            ? (fromEnvironment, Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? string.Empty, Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN") is { Length: > 0 } token ? token : null)
            : (null, null, null);
    }

    private static (string? AccessKey, string? SecretKey, string? SessionToken) Issued(ISandbox sandbox, string accessKey, string? secretKey, string? sessionToken, string parameter) =>
        sandbox.Issued(accessKey)
            ? (accessKey, secretKey, sessionToken)
            : throw new IamOpsException("SandboxKeyNotIssued", FailureKind.AuthenticationError,
                $"The access key {accessKey} given with {parameter} was not issued by the sandbox (account {sandbox.AccountId}): it is neither one of its users' keys nor a role session it made, so the sandbox refuses it, as AWS refuses keys it does not know. "
                + "Use keys the sandbox made (Add-IamDeveloper -ProgrammaticAccess, Invoke-IamRoleAssume), leave out the credential parameters to work as the sandbox's administrator, or Exit-IamSandbox to use these keys against AWS.",
                accessKey);

    /// <summary>
    /// <see cref="Connect"/>, with who the connection is for: the sandbox instance or the resolved AWS connection, and
    /// the caller's keys as digests. Equal identities list the same names, so caches key on it; it holds no secret.
    /// </summary>
    public (IAwsConnection Connection, string Identity) ConnectIdentified(ConnectionParameters parameters)
    {
        var sandbox = Sandbox;
        if (sandbox is not null)
        {
            var id = SandboxIds.GetValue(sandbox, _ => Guid.NewGuid().ToString("N"));
            var (accessKey, secretKey, sessionToken) = SandboxKeys(sandbox, parameters);
            var caller = accessKey is null ? "administrator" : accessKey + ":" + ConnectionResolver.Fingerprint(secretKey + "\n" + sessionToken);
            return (sandbox.Connect(accessKey, secretKey, sessionToken), "sandbox:" + id + ":" + caller);
        }

        var resolved = new ConnectionResolver().Resolve(parameters, _defaults);
        return (AwsConnection.For(resolved), "aws:" + (resolved.CacheKey ?? resolved.KeysIdentity()));
    }

    /// <summary>Unwraps a PowerShell object to the value it carries.</summary>
    internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>A PSCustomObject's properties as a dictionary, so plain classes can read its shape; other objects unwrapped.</summary>
    private static object? AsShape(object? value) => value switch
    {
        PSObject { BaseObject: PSCustomObject } custom => custom.Properties.ToDictionary(p => p.Name, p => Unwrap(p.Value), StringComparer.OrdinalIgnoreCase),
        _ => Unwrap(value),
    };
}
