using IamOps.Secrets;

namespace IamOps.RoleAssume;

/// <summary>The AWS_* environment variables child processes (the AWS CLI, SDKs) read their credentials from.</summary>
public static class CredentialEnvironment
{
    public const string AccessKeyVariable = "AWS_ACCESS_KEY_ID";
    public const string SecretKeyVariable = "AWS_SECRET_ACCESS_KEY";
    public const string SessionTokenVariable = "AWS_SESSION_TOKEN";
    public const string ExpirationVariable = "AWS_CREDENTIAL_EXPIRATION";

    private static readonly string[] Variables = { AccessKeyVariable, SecretKeyVariable, SessionTokenVariable, ExpirationVariable };

    /// <summary>Exports <paramref name="session"/>'s credentials to this process.</summary>
    public static void Export(TemporarySession session)
    {
        Environment.SetEnvironmentVariable(AccessKeyVariable, session.AccessKeyId);
        Environment.SetEnvironmentVariable(SecretKeyVariable, SecretText.ToPlainText(session.SecretAccessKey));
        Environment.SetEnvironmentVariable(SessionTokenVariable, SecretText.ToPlainText(session.SessionToken));
        Environment.SetEnvironmentVariable(ExpirationVariable, session.Expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Exports the session; disposing the result puts back exactly what was there before (unset stays unset).</summary>
    public static IDisposable ExportUntilDisposed(TemporarySession session)
    {
        var previous = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        Export(session);
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private Dictionary<string, string?>? _previous;

        public Restore(Dictionary<string, string?> previous) => _previous = previous;

        public void Dispose()
        {
            var previous = System.Threading.Interlocked.Exchange(ref _previous, null);
            foreach (var variable in previous ?? new Dictionary<string, string?>())
            {
                Environment.SetEnvironmentVariable(variable.Key, variable.Value);
            }
        }
    }
}
