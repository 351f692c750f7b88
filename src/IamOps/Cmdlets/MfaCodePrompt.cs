using System.Management.Automation;
using System.Management.Automation.Host;
using IamOps.RoleAssume;

namespace IamOps.Cmdlets;

/// <summary>Asks for an MFA code through the host, like the AWS CLI; a host that cannot ask means a clear error instead.</summary>
internal static class MfaCodePrompt
{
    public static string Ask(PSHost? host, string serialNumber)
    {
        var nonInteractive = Environment.GetCommandLineArgs().Any(a => a.StartsWith("-noni", StringComparison.OrdinalIgnoreCase));
        if (nonInteractive || host?.UI is null)
        {
            throw RoleAssumeFailures.MfaCodeNeeded(serialNumber);
        }

        try
        {
            host.UI.Write($"Enter MFA code for {serialNumber}: ");
            var code = host.UI.ReadLine()?.Trim();
            return string.IsNullOrEmpty(code) ? throw RoleAssumeFailures.MfaCodeNeeded(serialNumber) : code!;
        }
        catch (Exception cannotAsk) when (cannotAsk is HostException or NotImplementedException or PSNotImplementedException or InvalidOperationException)
        {
            throw RoleAssumeFailures.MfaCodeNeeded(serialNumber);
        }
    }
}
