using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace IamOps.Connection;

/// <summary>
/// Resolves credentials, region and endpoint in AWS.Tools' documented order, delegating every lookup (profiles, SSO,
/// credential_process, role_arn/source_profile, environment, container and instance metadata) to AWSSDK.Core.
/// Nothing is read until <see cref="Resolve"/> runs, so importing the module touches no file or credential.
/// </summary>
public sealed class ConnectionResolver
{
    /// <summary>Used when nothing names a region: IAM is global, and STS answers there too.</summary>
    internal static readonly RegionEndpoint FallbackRegion = RegionEndpoint.USEast1;

    private const string CredentialHelp =
        "Provide credentials with -ProfileName (a profile in ~/.aws/credentials or ~/.aws/config, e.g. after 'aws configure' or 'aws sso login'), "
        + "-AccessKey and -SecretKey, -Credential, Set-AWSCredential, the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE environment variables, "
        + "or run on an instance or container with a role.";

    private readonly Func<string, string?> _environment;

    public ConnectionResolver()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    internal ConnectionResolver(Func<string, string?> environment) => _environment = environment;

    public ResolvedConnection Resolve(ConnectionParameters parameters, SessionDefaults? session = null)
    {
        session ??= SessionDefaults.None;
        var endpoint = ParseEndpoint(parameters.EndpointUrl);
        var (profileName, profileLocation, profileSource) = ChooseProfile(parameters, session);
        CheckProfileLocation(profileLocation);

        var (region, regionSource) = ResolveRegion(parameters, session, profileName, profileLocation);
        var (credentials, credentialSource, cacheKey, credentialProfile) = ResolveCredentials(parameters, session, profileName, profileLocation, profileSource);
        return new ResolvedConnection(credentials, credentialSource, region, regionSource, endpoint,
            cacheKey is null ? null : $"{cacheKey}|{region.SystemName}|{endpoint}")
        {
            CredentialProfile = credentialProfile,
            ProfileLocation = credentialProfile is null ? null : profileLocation,
        };
    }

    /// <summary>
    /// The <c>mfa_serial</c> of the profile the credentials came from (as aws-vault and the AWS CLI read it), or null
    /// when they came from no profile, the profile has none, or it cannot be read.
    /// </summary>
    public static string? ProfileMfaSerial(ResolvedConnection connection)
    {
        if (connection.CredentialProfile is null)
        {
            return null;
        }

        try
        {
            return new CredentialProfileStoreChain(connection.ProfileLocation).TryGetProfile(connection.CredentialProfile, out var profile)
                && !string.IsNullOrWhiteSpace(profile.Options.MfaSerial)
                ? profile.Options.MfaSerial.Trim()
                : null;
        }
        catch (Exception ex) when (ex is AmazonClientException or InvalidOperationException or ArgumentException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// What can be checked without reading a file or the network: the endpoint URL, the region's form, keys given in
    /// pairs and a -Credential's shape. The sandbox reads no profile and needs no region, but a runbook that passes
    /// there must not fail on these in AWS.
    /// </summary>
    public static void CheckOffline(ConnectionParameters parameters)
    {
        ParseEndpoint(parameters.EndpointUrl);
        if (parameters.Region is not null)
        {
            CheckRegion(parameters.Region, "-Region");
        }

        if (parameters.AccessKey is not null || parameters.SecretKey is not null)
        {
            CheckKeyPair(parameters);
        }
        else if (parameters.Credential is not null)
        {
            _ = ShapeBoundCredentials.TryBind(parameters.Credential) ?? throw CredentialNotRecognized(parameters.Credential);
        }
    }

    /// <summary>True when <paramref name="name"/> is a region code of a partition AWSSDK.Core knows.</summary>
    public static bool IsRegionName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        return RegionEndpoint.EnumerableAllRegions.Any(r => string.Equals(r.SystemName, name, StringComparison.Ordinal))
            || RegionEndpoint.AllPartitionRegionRegex.Any(pattern => Regex.IsMatch(name, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    private static Uri? ParseEndpoint(string? endpointUrl)
    {
        if (endpointUrl is null)
        {
            return null;
        }

        if (Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(uri.Host))
        {
            return uri;
        }

        throw new IamOpsException("EndpointUrlInvalid", FailureKind.InvalidArgument,
            $"'{endpointUrl}' is not a valid endpoint URL. Give an absolute http or https URL such as https://iam.amazonaws.com or http://127.0.0.1:4566.",
            endpointUrl);
    }

    private static (string? Name, string? Location, string Source) ChooseProfile(ConnectionParameters parameters, SessionDefaults session)
    {
        if (parameters.ProfileName is not null || parameters.ProfileLocation is not null)
        {
            return (parameters.ProfileName, parameters.ProfileLocation, "parameter");
        }

        return session.StoredCredentials is string storedProfile && !string.IsNullOrWhiteSpace(storedProfile)
            ? (storedProfile, null, "session default ($StoredAWSCredentials)")
            : (null, null, string.Empty);
    }

    private static void CheckProfileLocation(string? location)
    {
        if (location is null)
        {
            return;
        }

        try
        {
            using var stream = new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IamOpsException("CredentialFileUnreadable", FailureKind.ReadError,
                $"The credentials file '{location}' cannot be read: {ex.Message} Check the -ProfileLocation path and its permissions, or leave it out to use ~/.aws/credentials.",
                location, ex);
        }
    }

    private (AWSCredentials Credentials, string Source, string? CacheKey, string? Profile) ResolveCredentials(
        ConnectionParameters parameters, SessionDefaults session, string? profileName, string? profileLocation, string profileSource)
    {
        if (parameters.Anonymous)
        {
            return (new AnonymousAWSCredentials(), "none (the web identity token or SAML assertion is the proof)", "anonymous", null);
        }

        if (parameters.AccessKey is not null || parameters.SecretKey is not null)
        {
            CheckKeyPair(parameters);
            AWSCredentials keys = string.IsNullOrEmpty(parameters.SessionToken)
                ? new BasicAWSCredentials(parameters.AccessKey, parameters.SecretKey)
                : new SessionAWSCredentials(parameters.AccessKey, parameters.SecretKey, parameters.SessionToken);
            return (keys, $"access key {parameters.AccessKey} (parameters)", "keys:" + parameters.AccessKey + ":" + Fingerprint(parameters.SecretKey + "\n" + parameters.SessionToken), null);
        }

        if (parameters.Credential is not null)
        {
            var bound = ShapeBoundCredentials.TryBind(parameters.Credential) ?? throw CredentialNotRecognized(parameters.Credential);
            return (bound, "-Credential", null, null);
        }

        if (profileName is not null || profileLocation is not null)
        {
            return (LoadProfile(profileName ?? "default", profileLocation, profileSource), $"profile '{profileName ?? "default"}' ({profileSource})",
                "profile:" + profileName + ":" + profileLocation, profileName ?? "default");
        }

        if (session.StoredCredentials is not null)
        {
            var stored = session.StoredCredentials;
            var inner = stored.GetType().GetProperty("Credentials")?.GetValue(stored);
            var bound = ShapeBoundCredentials.TryBind(inner) ?? ShapeBoundCredentials.TryBind(stored);
            if (bound is not null)
            {
                return (bound, "session default ($StoredAWSCredentials)", null, null);
            }
        }

        try
        {
            var chained = DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
            // The chain takes keys from the environment before any profile; otherwise AWS_PROFILE or "default" supplied them.
            var fromProfile = string.IsNullOrEmpty(_environment("AWS_ACCESS_KEY_ID")) ? (_environment("AWS_PROFILE") is { Length: > 0 } named ? named : "default") : null;
            return (chained, "default chain (environment, AWS_PROFILE or default profile, container or instance role)", "default:" + _environment("AWS_PROFILE"), fromProfile);
        }
        catch (AmazonClientException ex)
        {
            if (string.IsNullOrEmpty(_environment("AWS_ACCESS_KEY_ID")) && _environment("AWS_PROFILE") is { Length: > 0 } missing)
            {
                // The chain says only "no credentials"; the user's mistake is the profile the environment names.
                throw new IamOpsException("ProfileNotFound", FailureKind.ObjectNotFound,
                    $"AWS_PROFILE names the profile '{missing}', which has no credentials in the shared credentials or config file. "
                    + $"Create it with 'aws configure --profile {missing}', correct AWS_PROFILE, or remove it to use the default profile.",
                    missing, ex);
            }

            throw new IamOpsException("CredentialsNotFound", FailureKind.AuthenticationError, "No AWS credentials were found. " + CredentialHelp, null, ex);
        }
    }

    private static void CheckKeyPair(ConnectionParameters parameters)
    {
        if (string.IsNullOrEmpty(parameters.AccessKey) || string.IsNullOrEmpty(parameters.SecretKey))
        {
            throw new IamOpsException("AccessKeyIncomplete", FailureKind.InvalidArgument,
                "-AccessKey and -SecretKey go together: give both (and -SessionToken for temporary credentials), or use -ProfileName instead.");
        }
    }

    private static IamOpsException CredentialNotRecognized(object credential) =>
        new("CredentialNotRecognized", FailureKind.InvalidArgument,
            $"-Credential got a {credential.GetType().FullName}, which holds no AWS credentials. Pass an AWSCredentials object (e.g. (Use-STSRole ...).Credentials or Get-AWSCredential output) or an object with AccessKeyId and SecretAccessKey.",
            credential.GetType().FullName);

    private static AWSCredentials LoadProfile(string name, string? location, string source)
    {
        var chain = new CredentialProfileStoreChain(location);
        try
        {
            if (chain.TryGetAWSCredentials(name, out var credentials))
            {
                return credentials;
            }

            // aws-vault's layout: long-term keys plus the mfa_serial to assume roles with. AWSSDK.Core knows no profile
            // type for keys with mfa_serial and no role_arn, so it offers no credentials; the keys are still the keys.
            if (chain.TryGetProfile(name, out var profile) && profile.Options.MfaSerial is not null && profile.Options.RoleArn is null
                && !string.IsNullOrEmpty(profile.Options.AccessKey) && !string.IsNullOrEmpty(profile.Options.SecretKey))
            {
                return string.IsNullOrEmpty(profile.Options.Token)
                    ? new BasicAWSCredentials(profile.Options.AccessKey, profile.Options.SecretKey)
                    : new SessionAWSCredentials(profile.Options.AccessKey, profile.Options.SecretKey, profile.Options.Token);
            }
        }
        catch (Exception ex) when (ex is AmazonClientException or InvalidOperationException or ArgumentException or IOException)
        {
            throw new IamOpsException("ProfileInvalid", FailureKind.InvalidData,
                $"The profile '{name}' ({source}) cannot be used: {ex.Message} Fix it in {location ?? "~/.aws/config or ~/.aws/credentials"}, or choose another with -ProfileName.",
                name, ex);
        }

        throw ProfileNotFound(name, location, source);
    }

    /// <summary>
    /// The keys a profile keeps in the file itself (access key, secret, optional session token), read without calling
    /// any service, for the sandbox; null when the profile gets credentials from a service (SSO, a role, a process).
    /// </summary>
    public static (string AccessKey, string SecretKey, string? Token)? StoredKeys(string name, string? location)
    {
        if (!new CredentialProfileStoreChain(location).TryGetProfile(name, out var profile))
        {
            throw ProfileNotFound(name, location, "parameter");
        }

        var options = profile.Options;
        return options.RoleArn is null && !string.IsNullOrEmpty(options.AccessKey) && !string.IsNullOrEmpty(options.SecretKey)
            ? (options.AccessKey, options.SecretKey, string.IsNullOrEmpty(options.Token) ? null : options.Token)
            : null;
    }

    private static IamOpsException ProfileNotFound(string name, string? location, string source) =>
        new("ProfileNotFound", FailureKind.ObjectNotFound,
            $"The profile '{name}' ({source}) was not found in {location ?? "~/.aws/credentials, ~/.aws/config or the SDK store"}. "
            + $"Create it with 'aws configure --profile {name}' (or 'aws configure sso'), or name an existing one with -ProfileName.",
            name);

    private (RegionEndpoint Region, string Source) ResolveRegion(ConnectionParameters parameters, SessionDefaults session, string? profileName, string? profileLocation)
    {
        if (parameters.Region is not null)
        {
            return (CheckRegion(parameters.Region, "-Region"), "-Region");
        }

        var stored = session.StoredRegion switch
        {
            null => null,
            string text => text,
            RegionEndpoint endpoint => endpoint.SystemName,
            var other => other.GetType().GetProperty("SystemName")?.GetValue(other) as string ?? other.ToString(),
        };
        if (!string.IsNullOrWhiteSpace(stored))
        {
            return (CheckRegion(stored!, "$StoredAWSRegion"), "session default ($StoredAWSRegion)");
        }

        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            var value = _environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return (CheckRegion(value!, variable), variable);
            }
        }

        if (profileName is not null || profileLocation is not null)
        {
            var chain = new CredentialProfileStoreChain(profileLocation);
            if (chain.TryGetProfile(profileName ?? "default", out var profile) && profile.Region is not null)
            {
                return (profile.Region, $"profile '{profile.Name}'");
            }
        }

        var metadataDisabled = string.Equals(_environment("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase);
        var fallback = FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: !metadataDisabled);
        return fallback is not null
            ? (fallback, "AWS profile or instance metadata")
            : (FallbackRegion, "none configured; using us-east-1 (set -Region, Set-DefaultAWSRegion or AWS_REGION to choose)");
    }

    private static RegionEndpoint CheckRegion(string name, string source)
    {
        if (IsRegionName(name))
        {
            return RegionEndpoint.GetBySystemName(name);
        }

        throw new IamOpsException("RegionInvalid", FailureKind.InvalidArgument,
            $"'{name}' (from {source}) is not an AWS region. Use a region code such as us-east-1, eu-west-1 or ap-southeast-2.",
            name);
    }

    /// <summary>A one-way digest that tells secrets apart without keeping them.</summary>
    internal static string Fingerprint(string secret)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(secret)));
    }
}
