using System.Net;
using System.Reflection;
using System.Security;
using Amazon.Runtime;

namespace IamOps.Connection;

/// <summary>
/// Credentials taken from an object of another module by its shape, not its type: an AWSCredentials from another
/// AWSSDK.Core (it has <c>GetCredentials()</c> returning AccessKey/SecretKey/Token), or a credentials record such as
/// AWS.Tools' <c>(Use-STSRole ...).Credentials</c> or our own role-session output (AccessKeyId/SecretAccessKey/SessionToken).
/// The foreign object is asked on every use, so credentials it refreshes stay fresh.
/// </summary>
internal sealed class ShapeBoundCredentials : AWSCredentials
{
    private readonly Func<ImmutableCredentials> _read;

    private ShapeBoundCredentials(Func<ImmutableCredentials> read) => _read = read;

    public override ImmutableCredentials GetCredentials() => _read();

    /// <summary>The keys <paramref name="source"/> holds now (see <see cref="TryBind"/>); null when it has no known shape.</summary>
    public static (string AccessKey, string SecretKey, string? Token)? TryReadKeys(object? source) =>
        TryBind(source)?.GetCredentials() is { } keys ? (keys.AccessKey, keys.SecretKey, string.IsNullOrEmpty(keys.Token) ? null : keys.Token) : null;

    /// <summary>Binds <paramref name="source"/> when it has a known shape (a dictionary stands for a PowerShell object's properties); null otherwise.</summary>
    public static AWSCredentials? TryBind(object? source)
    {
        if (source is null)
        {
            return null;
        }

        if (source is AWSCredentials own)
        {
            return own;
        }

        if (source is System.Collections.IDictionary record)
        {
            var keys = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (System.Collections.DictionaryEntry entry in record)
            {
                keys[entry.Key.ToString() ?? string.Empty] = entry.Value;
            }

            if (keys.ContainsKey("AccessKeyId") && keys.ContainsKey("SecretAccessKey"))
            {
                var snapshot = Keys(keys["AccessKeyId"], keys["SecretAccessKey"], keys.TryGetValue("SessionToken", out var token) ? token : null, "AccessKeyId", "SecretAccessKey");
                return new ShapeBoundCredentials(() => snapshot);
            }

            return null;
        }

        var type = source.GetType();
        var getCredentials = type.GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
        if (getCredentials is not null)
        {
            return new ShapeBoundCredentials(() => ReadKeys(getCredentials.Invoke(source, null), "AccessKey", "SecretKey", "Token"));
        }

        if (type.GetProperty("AccessKeyId") is not null && type.GetProperty("SecretAccessKey") is not null)
        {
            var snapshot = ReadKeys(source, "AccessKeyId", "SecretAccessKey", "SessionToken");
            return new ShapeBoundCredentials(() => snapshot);
        }

        return null;
    }

    private static ImmutableCredentials ReadKeys(object? keys, string accessName, string secretName, string tokenName)
    {
        if (keys is null)
        {
            throw new IamOpsException("CredentialNotRecognized", FailureKind.AuthenticationError,
                "The credential object returned no keys. Pass -Credential an AWSCredentials object, or use -ProfileName or -AccessKey/-SecretKey.");
        }

        var type = keys.GetType();
        return Keys(type.GetProperty(accessName)?.GetValue(keys), type.GetProperty(secretName)?.GetValue(keys), type.GetProperty(tokenName)?.GetValue(keys), accessName, secretName);
    }

    private static ImmutableCredentials Keys(object? accessValue, object? secretValue, object? tokenValue, string accessName, string secretName)
    {
        var access = AsPlainText(accessValue);
        var secret = AsPlainText(secretValue);
        var token = AsPlainText(tokenValue);
        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret))
        {
            throw new IamOpsException("CredentialNotRecognized", FailureKind.AuthenticationError,
                $"The credential object has no {accessName} or {secretName}. Pass -Credential an AWSCredentials object, or use -ProfileName or -AccessKey/-SecretKey.");
        }

        return new ImmutableCredentials(access, secret, string.IsNullOrEmpty(token) ? null : token);
    }

    /// <summary>Secrets may arrive as SecureString (our own outputs keep them so); the SDK needs the text.</summary>
    internal static string? AsPlainText(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return text;
            case SecureString secure:
                return new NetworkCredential(string.Empty, secure).Password;
            default:
                return value.ToString();
        }
    }
}
