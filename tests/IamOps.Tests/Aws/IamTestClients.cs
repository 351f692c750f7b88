using Amazon.Runtime;
using IamOps.Aws;

namespace IamOps.Tests.Aws;

/// <summary>IAM clients pointed at a local server, with explicit test keys and no instance metadata lookups.</summary>
internal static class IamTestClients
{
    static IamTestClients() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

    public static BasicAWSCredentials Keys { get; } = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    /// <summary>Two retries (three attempts) and short timeouts so failure tests end quickly.</summary>
    public static IamQueryClient For(Uri endpoint, Action<IamQueryConfig>? configure = null)
    {
        var config = new IamQueryConfig
        {
            ServiceURL = endpoint.ToString(),
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(config);
        return new IamQueryClient(Keys, config);
    }

    public static IamQueryClient For(LocalHttpServer server, Action<IamQueryConfig>? configure = null) => For(server.Url, configure);
}
