using System.Management.Automation;
using IamOps.PowerShell.Tests.Help;

namespace IamOps.PowerShell.Tests;

/// <summary>Help comes from src/IamOps/Help/*.md; the MAML beside the module is generated from it and must be current.</summary>
public sealed class HelpTests
{
    private const string UpdateVariable = "IAMOPS_UPDATE_HELP";

    private static string HelpFolder => Path.Combine(HostedPowerShell.RepoRoot, "src", "IamOps", "Help");

    private static string CommittedMaml => Path.Combine(HostedPowerShell.RepoRoot, "src", "IamOps", "en-US", "IamOps.dll-Help.xml");

    public static TheoryData<string> ExportedCmdlets()
    {
        var data = new TheoryData<string>();
        foreach (var name in ModuleCmdlets().Select(c => c.Name))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Maml_help_is_generated_from_the_markdown_and_current()
    {
        var expected = MamlWriter.Write(ModuleCmdlets().Select(c => (c, LoadSource(c.Name))));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(CommittedMaml, expected);
            Directory.CreateDirectory(Path.Combine(HostedPowerShell.RepoRoot, "en-US"));
            File.WriteAllText(Path.Combine(HostedPowerShell.RepoRoot, "en-US", "IamOps.dll-Help.xml"), expected);
        }

        Assert.True(File.Exists(CommittedMaml) && File.ReadAllText(CommittedMaml) == expected,
            $"src/IamOps/en-US/IamOps.dll-Help.xml is out of date with src/IamOps/Help/*.md or the cmdlets' parameters. Regenerate it: {UpdateVariable}=1 dotnet test tests/IamOps.PowerShell.Tests --filter Maml_help_is_generated_from_the_markdown_and_current");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Every_cmdlet_has_a_synopsis_two_examples_one_a_pipeline_and_text_for_every_parameter(string name)
    {
        var cmdlet = ModuleCmdlets().Single(c => c.Name == name);
        var source = LoadSource(name);

        Assert.False(string.IsNullOrWhiteSpace(source.Synopsis), $"{name}: no synopsis");
        Assert.False(string.IsNullOrWhiteSpace(source.Description), $"{name}: no description");
        Assert.True(source.Examples.Count >= 2, $"{name}: fewer than two examples");
        Assert.Contains(source.Examples, e => e.Code.Contains('|', StringComparison.Ordinal));
        var undocumented = MamlWriter.OwnParameters(cmdlet).Select(p => p.Name)
            .Where(p => !source.Parameters.TryGetValue(p, out var text) || string.IsNullOrWhiteSpace(text)).ToList();
        Assert.True(undocumented.Count == 0, $"{name}: parameters without help: {string.Join(", ", undocumented)}");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Get_Help_shows_the_synopsis_examples_and_parameter_text(string name)
    {
        var run = HostedPowerShell.Run($"Get-Help {name} -Full");

        Assert.Empty(run.AllErrors);
        var help = Assert.Single(run.Output);
        Assert.Equal(LoadSource(name).Synopsis, help.Properties["Synopsis"].Value?.ToString()?.Trim());
        var examples = (PSObject)help.Properties["examples"].Value;
        var exampleList = LanguagePrimitives.GetEnumerable(((PSObject)examples).Properties["example"].Value).Cast<object>().ToList();
        Assert.True(exampleList.Count >= 2);
        var own = MamlWriter.OwnParameters(ModuleCmdlets().Single(c => c.Name == name)).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var parameterBlock = help.Properties["parameters"].Value as PSObject;
        var parameterList = parameterBlock?.Properties["parameter"]?.Value;
        var parameters = parameterList is null ? new List<PSObject>() : LanguagePrimitives.GetEnumerable(parameterList).Cast<PSObject>().ToList();
        Assert.Equal(own, parameters.Select(p => p.Properties["name"].Value?.ToString() ?? string.Empty).Order(StringComparer.Ordinal).ToList());
        Assert.All(parameters, p => Assert.NotNull(p.Properties["description"].Value));
    }

    private static HelpSource LoadSource(string cmdlet)
    {
        var path = Path.Combine(HelpFolder, cmdlet + ".md");
        Assert.True(File.Exists(path), $"no help source {path}");
        var help = HelpSource.Parse(File.ReadAllText(path));
        foreach (var (parameter, text) in HelpSource.Parse(File.ReadAllText(Path.Combine(HelpFolder, "ConnectionParameters.md"))).Parameters)
        {
            help.Parameters.TryAdd(parameter, text);
        }

        return help;
    }

    private static List<CmdletInfo> ModuleCmdlets()
    {
        var run = HostedPowerShell.Run("Get-Command -Module IamOps -CommandType Cmdlet");
        Assert.Empty(run.AllErrors);
        return run.Output.Select(o => (CmdletInfo)o.BaseObject).ToList();
    }
}
