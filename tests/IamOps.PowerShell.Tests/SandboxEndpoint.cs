using System.Reflection;
using System.Runtime.Loader;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// Serves a sandbox account over HTTP from a hosted PowerShell script: <c>[IamOps.PowerShell.Tests.SandboxEndpoint]::Start($account)</c>.
/// The account's types live in the module's private load context, so IamOps.TestEndpoint is loaded into a context of
/// its own that binds it to the module's own simulator; ASP.NET Core comes from the shared framework.
/// </summary>
public static class SandboxEndpoint
{
    private static readonly object Gate = new();
    private static readonly Dictionary<AssemblyLoadContext, Assembly> EndpointByModule = new();

    /// <summary>A started SimulatorEndpoint for <paramref name="account"/>: use its BaseUrl; Dispose stops it.</summary>
    public static IDisposable Start(object account) => Invoke("Start", account);

    /// <summary>A started SimulatorEndpoint serving a sandbox <paramref name="organization"/> (Organizations too, each request in the account that issued its key).</summary>
    public static IDisposable StartOrganization(object organization) => Invoke("StartOrganization", organization);

    private static IDisposable Invoke(string method, object served)
    {
        ArgumentNullException.ThrowIfNull(served);
        var type = EndpointAssembly(AssemblyLoadContext.GetLoadContext(served.GetType().Assembly) ?? AssemblyLoadContext.Default)
            .GetType("IamOps.TestEndpoint.SimulatorEndpoint", throwOnError: true)!;
        var start = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;
        try
        {
            return (IDisposable)start.Invoke(null, new[] { served, null })!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    /// <summary>
    /// A new sandbox account served over HTTP from this process, for a script in another process (the IamOps host):
    /// its URL and the seeded Administrator's keys. Dispose stops it.
    /// </summary>
    public static Served Serve()
    {
        var run = HostedPowerShell.Run("""
            Enter-IamSandbox | Out-Null
            $account = $IamOpsSandbox
            Exit-IamSandbox
            [IamOps.PowerShell.Tests.SandboxEndpoint]::Start($account)
            $account.AdministratorCredentials.AccessKeyId
            $account.AdministratorCredentials.SecretAccessKey
            """);
        Assert.Empty(run.AllErrors);
        var endpoint = (IDisposable)run.Output[0].BaseObject;
        var url = ((Uri)run.Output[0].Properties["BaseUrl"].Value).ToString();
        return new Served(endpoint, url, run.Output[1].ToString(), run.Output[2].ToString());
    }

    private static Assembly EndpointAssembly(AssemblyLoadContext module)
    {
        var ours = typeof(LocalHttpServer).Assembly;
        if (module == AssemblyLoadContext.GetLoadContext(ours))
        {
            return ours;
        }

        lock (Gate)
        {
            if (!EndpointByModule.TryGetValue(module, out var endpoint))
            {
                endpoint = new EndpointLoadContext(module).LoadFromAssemblyPath(ours.Location);
                EndpointByModule.Add(module, endpoint);
            }

            return endpoint;
        }
    }

    /// <summary>
    /// IamOps.TestEndpoint beside a module's private context, not in it (that context holds only what ships in bin/):
    /// every other assembly it needs is resolved by the module's context, so the account's types are the endpoint's.
    /// </summary>
    private sealed class EndpointLoadContext : AssemblyLoadContext
    {
        private readonly AssemblyLoadContext _module;

        public EndpointLoadContext(AssemblyLoadContext module)
            : base("IamOps.TestEndpoint beside " + module.Name)
        {
            _module = module;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            try
            {
                return _module.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>A served account: where it listens and the keys to sign with.</summary>
    public sealed record Served(IDisposable Endpoint, string Url, string AccessKeyId, string SecretAccessKey) : IDisposable
    {
        public void Dispose() => Endpoint.Dispose();
    }
}
