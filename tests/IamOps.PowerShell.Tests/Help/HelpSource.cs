using System.Text;

namespace IamOps.PowerShell.Tests.Help;

/// <summary>
/// One cmdlet's help as written in src/IamOps/Help/&lt;Cmdlet&gt;.md: level-2 headings are sections (Synopsis,
/// Description, Parameters, Examples, Inputs, Outputs, Notes); level-3 headings name a parameter, an example, or a type.
/// </summary>
public sealed class HelpSource
{
    public string Synopsis { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The parameters in the order the help lists them.</summary>
    public List<string> ParameterOrder { get; } = new();

    /// <summary>Defaults a parameter's help states on a line of its own, "Default value: X" (kept out of its description).</summary>
    public Dictionary<string, string> Defaults { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<HelpExample> Examples { get; } = new();

    public List<(string Type, string Text)> Inputs { get; } = new();

    public List<(string Type, string Text)> Outputs { get; } = new();

    public string Notes { get; private set; } = string.Empty;

    private const string DefaultPrefix = "Default value:";

    public static HelpSource Parse(string markdown)
    {
        var help = new HelpSource();
        string? section = null;
        string? item = null;
        var text = new StringBuilder();
        var code = new StringBuilder();
        var inCode = false;

        void Flush()
        {
            var body = text.ToString().Trim();
            switch (section?.ToUpperInvariant())
            {
                case "SYNOPSIS":
                    help.Synopsis = body;
                    break;
                case "DESCRIPTION":
                    help.Description = body;
                    break;
                case "NOTES":
                    help.Notes = body;
                    break;
                case "PARAMETERS" when item is not null:
                    var lines = body.Split('\n');
                    var stated = lines.FirstOrDefault(l => l.StartsWith(DefaultPrefix, StringComparison.Ordinal));
                    if (stated is not null)
                    {
                        help.Defaults[item.TrimStart('-')] = stated.Substring(DefaultPrefix.Length).Trim().TrimEnd('.');
                        body = string.Join("\n", lines.Where(l => !l.StartsWith(DefaultPrefix, StringComparison.Ordinal))).Trim();
                    }

                    if (!help.Parameters.ContainsKey(item.TrimStart('-')))
                    {
                        help.ParameterOrder.Add(item.TrimStart('-'));
                    }

                    help.Parameters[item.TrimStart('-')] = body;
                    break;
                case "EXAMPLES" when item is not null:
                    help.Examples.Add(new HelpExample(item, code.ToString().TrimEnd(), body));
                    break;
                case "INPUTS" when item is not null:
                    help.Inputs.Add((item, body));
                    break;
                case "OUTPUTS" when item is not null:
                    help.Outputs.Add((item, body));
                    break;
            }

            text.Clear();
            code.Clear();
        }

        foreach (var line in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                code.AppendLine(line);
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                section = line.Substring(3).Trim();
                item = null;
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                Flush();
                item = line.Substring(4).Trim();
            }
            else if (!line.StartsWith("# ", StringComparison.Ordinal))
            {
                text.AppendLine(line);
            }
        }

        Flush();
        return help;
    }
}

/// <summary>One example: its title, the code, and the remarks that explain it.</summary>
public sealed record HelpExample(string Title, string Code, string Remarks);
