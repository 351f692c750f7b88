namespace IamOps.Tests.Aws;

/// <summary>Tests that set process environment variables run alone, so no other test sees their values.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>Sets environment variables for one test and restores the previous values.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    public EnvironmentScope(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        // AWSSDK.Core reads AWS_RETRY_MODE/AWS_MAX_ATTEMPTS once per process; make it read them again.
        Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
    }

    /// <summary>Clears every variable that could point IAM elsewhere or change retries.</summary>
    public static EnvironmentScope Clean(params (string Name, string? Value)[] variables) =>
        new(new (string, string?)[]
        {
            ("AWS_ENDPOINT_URL", null), ("AWS_ENDPOINT_URL_IAM", null), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", null),
            ("AWS_RETRY_MODE", null), ("AWS_MAX_ATTEMPTS", null), ("AWS_USE_FIPS_ENDPOINT", null), ("AWS_DEFAULTS_MODE", null),
        }.Concat(variables).ToArray());

    public void Dispose()
    {
        foreach (var pair in _previous)
        {
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }

        Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
    }
}
