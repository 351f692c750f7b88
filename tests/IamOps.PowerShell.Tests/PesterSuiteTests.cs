using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// The Pester suite (tests/pester), the user-level specification: each file runs in the real pwsh 7.6.10 with
/// Pester 5.9.1 and must pass whole; a failure names every failing It and its message. Pester's NUnit result file
/// goes to TestResults/pester/. Each file is also checked statically, so a command or parameter that no longer
/// exists is named precisely.
/// </summary>
public sealed class PesterSuiteTests
{
    /// <summary>A whole file, module import included, on a busy two-core machine; far above what one takes.</summary>
    private static readonly TimeSpan FileTimeout = TimeSpan.FromMinutes(10);

    [Theory]
    [MemberData(nameof(PesterFiles))]
    public void Pester_file_passes_in_real_pwsh(string fileName)
    {
        var resultFile = Path.Combine(HostedPowerShell.RepoRoot, "TestResults", "pester", Path.ChangeExtension(fileName, ".xml"));
        Directory.CreateDirectory(Path.GetDirectoryName(resultFile)!);
        var script = $$"""
            $ErrorActionPreference = 'Stop'
            Import-Module {{Quote(RealPwsh.PesterManifest)}} -RequiredVersion 5.9.1
            $configuration = New-PesterConfiguration
            $configuration.Run.Path = {{Quote(Path.Combine(HostedPowerShell.RepoRoot, "tests", "pester", fileName))}}
            $configuration.Run.PassThru = $true
            $configuration.Output.Verbosity = 'None'
            $configuration.TestResult.Enabled = $true
            $configuration.TestResult.OutputFormat = 'NUnitXml'
            $configuration.TestResult.OutputPath = {{Quote(resultFile)}}
            $result = Invoke-Pester -Configuration $configuration
            foreach ($test in $result.Failed) {
                "FAILED It: $($test.ExpandedPath)"
                foreach ($record in $test.ErrorRecord) { "    $record" -replace "`n", "`n    " }
            }
            foreach ($block in $result.FailedBlocks) {
                "FAILED block: $($block.ExpandedPath)"
                foreach ($record in $block.ErrorRecord) { "    $record" -replace "`n", "`n    " }
            }
            foreach ($container in $result.FailedContainers) {
                "FAILED file: $($container.Item)"
                foreach ($record in $container.ErrorRecord) { "    $record" -replace "`n", "`n    " }
            }
            "PESTER passed=$($result.PassedCount) failed=$($result.FailedCount) skipped=$($result.SkippedCount) notrun=$($result.NotRunCount) blocks=$($result.FailedBlocksCount) files=$($result.FailedContainersCount)"
            """;

        var (exitCode, output, errors) = RealPwsh.Run(script, FileTimeout);

        var summary = Regex.Match(output, @"^PESTER passed=(\d+) failed=(\d+) skipped=(\d+) notrun=(\d+) blocks=(\d+) files=(\d+)", RegexOptions.Multiline);
        Assert.True(summary.Success, $"pwsh ended (exit code {exitCode}) without a Pester summary:\n{output}\n{errors}");
        // What the tests wrote to the host (What if: lines, warnings) comes before the summary too; only the report counts.
        var failures = string.Join("\n", output[..summary.Index].Split('\n').SkipWhile(line => !line.StartsWith("FAILED ", StringComparison.Ordinal))).Trim();
        Assert.True(
            failures.Length == 0 && summary.Groups[2].Value == "0" && summary.Groups[5].Value == "0" && summary.Groups[6].Value == "0",
            $"{fileName}: {summary.Value}\n{failures}\n{errors}");
        Assert.True(int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, $"{fileName} ran no test: {summary.Value}");
        Assert.Equal(0, exitCode);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

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
        foreach (var command in ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
        {
            var name = command.GetCommandName();
            if (name is null || !Regex.IsMatch(name, @"^[A-Za-z]+-Iam[A-Za-z]+$"))
            {
                continue;
            }

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

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_Pester_suite_specifies_every_exported_cmdlet()
    {
        var files = Directory.GetFiles(Path.Combine(HostedPowerShell.RepoRoot, "tests", "pester"), "*.Tests.ps1");
        var used = files
            .SelectMany(file => Parser.ParseFile(file, out _, out _)
                .FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>().Select(c => c.GetCommandName()))
            .Where(name => name is not null)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Empty(Cmdlets.Value.Keys.Where(name => !used.Contains(name)).Order(StringComparer.Ordinal));
    }

    private static bool Resolves(CmdletInfo cmdlet, string name)
    {
        var all = cmdlet.Parameters.Values.SelectMany(p => p.Aliases.Append(p.Name)).ToList();
        return all.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            || cmdlet.Parameters.Keys.Count(n => n.StartsWith(name, StringComparison.OrdinalIgnoreCase)) == 1;
    }
}
