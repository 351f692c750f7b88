using System.Reflection;
using System.Runtime.Loader;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// Serves a sandbox account over HTTP from a hosted PowerShell script: <c>[IamOps.PowerShell.Tests.SandboxEndpoint]::Start($account)</c>.
/// The account's types live in the module's private load context, so IamOps.TestEndpoint is loaded into that same
/// context (where it binds to the module's own simulator); ASP.NET Core comes from the shared framework.
/// </summary>
public static class SandboxEndpoint
{
    private static readonly object Gate = new();

    /// <summary>A started SimulatorEndpoint for <paramref name="account"/>: use its BaseUrl; Dispose stops it.</summary>
    public static IDisposable Start(object account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var type = EndpointAssembly(AssemblyLoadContext.GetLoadContext(account.GetType().Assembly) ?? AssemblyLoadContext.Default)
            .GetType("IamOps.TestEndpoint.SimulatorEndpoint", throwOnError: true)!;
        var start = type.GetMethod("Start", BindingFlags.Public | BindingFlags.Static)!;
        try
        {
            return (IDisposable)start.Invoke(null, new[] { account, null })!;
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

    private static Assembly EndpointAssembly(AssemblyLoadContext context)
    {
        var ours = typeof(LocalHttpServer).Assembly;
        if (context == AssemblyLoadContext.GetLoadContext(ours))
        {
            return ours;
        }

        lock (Gate)
        {
            return context.Assemblies.FirstOrDefault(a => a.GetName().Name == ours.GetName().Name)
                ?? context.LoadFromAssemblyPath(ours.Location);
        }
    }

    /// <summary>A served account: where it listens and the keys to sign with.</summary>
    public sealed record Served(IDisposable Endpoint, string Url, string AccessKeyId, string SecretAccessKey) : IDisposable
    {
        public void Dispose() => Endpoint.Dispose();
    }
}
