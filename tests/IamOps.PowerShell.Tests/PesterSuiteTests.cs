using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// Pester cannot run here, so the suite is checked statically: every file parses, and every IamOps command and
/// parameter it uses exists in the module, so the suite cannot rot unseen.
/// </summary>
public sealed class PesterSuiteTests
{
    private static readonly Lazy<Dictionary<string, CmdletInfo>> Cmdlets = new(() =>
        HostedPowerShell.Run("Get-Command -Module IamOps").Output.Select(o => (CmdletInfo)o.BaseObject).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase));

    public static TheoryData<string> PesterFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(HostedPowerShell.RepoRoot, "tests", "pester"), "*.Tests.ps1").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PesterFiles))]
    public void Pester_file_uses_only_IamOps_commands_and_parameters_that_exist(string fileName)
    {
        var ast = Parser.ParseFile(Path.Combine(HostedPowerShell.RepoRoot, "tests", "pester", fileName), out _, out var errors);
        Assert.Empty(errors);

        var problems = new List<string>();
        var iamOpsUses = 0;
        foreach (var command in ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
        {
            var name = command.GetCommandName();
            if (name is null || !Regex.IsMatch(name, @"^[A-Za-z]+-Iam[A-Za-z]+$"))
            {
                continue;
            }

            iamOpsUses++;
            if (!Cmdlets.Value.TryGetValue(name, out var cmdlet))
            {
                problems.Add($"line {command.Extent.StartLineNumber}: {name} is not an IamOps command");
                continue;
            }

            foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
            {
                if (!Resolves(cmdlet, parameter.ParameterName))
                {
                    problems.Add($"line {parameter.Extent.StartLineNumber}: {name} has no parameter -{parameter.ParameterName}");
                }
            }
        }

        foreach (var id in ast.FindAll(a => a is StringConstantExpressionAst, true).Cast<StringConstantExpressionAst>()
                     .Select(s => Regex.Match(s.Value, @",IamOps\.Cmdlets\.(\w+)$")).Where(m => m.Success))
        {
            if (!Cmdlets.Value.Values.Any(c => c.ImplementingType.Name == id.Groups[1].Value))
            {
                problems.Add($"error id names a cmdlet class that does not exist: {id.Value}");
            }
        }

        Assert.True(iamOpsUses > 0, $"{fileName} uses no IamOps command");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool Resolves(CmdletInfo cmdlet, string name)
    {
        var all = cmdlet.Parameters.Values.SelectMany(p => p.Aliases.Append(p.Name)).ToList();
        return all.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            || cmdlet.Parameters.Keys.Count(n => n.StartsWith(name, StringComparison.OrdinalIgnoreCase)) == 1;
    }
}
