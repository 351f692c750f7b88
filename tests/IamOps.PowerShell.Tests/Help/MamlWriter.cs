using System.Management.Automation;
using System.Xml.Linq;

namespace IamOps.PowerShell.Tests.Help;

/// <summary>
/// Writes en-US/IamOps.dll-Help.xml (MAML) from the markdown help and the cmdlets' real metadata, so syntax,
/// parameter sets, types, aliases and pipeline input in Get-Help always match the code.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly HashSet<string> CommonParameters = new(
        new[] { "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm", "UseTransaction" },
        StringComparer.OrdinalIgnoreCase);

    public static string Write(IEnumerable<(CmdletInfo Cmdlet, HelpSource Help)> commands)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command), new XAttribute(XNamespace.Xmlns + "dev", Dev));
        foreach (var (cmdlet, help) in commands.OrderBy(c => c.Cmdlet.Name, StringComparer.Ordinal))
        {
            root.Add(CommandElement(cmdlet, help));
        }

        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Parameters in the order the help's markdown lists them; those it does not (the connection parameters) after, as declared.</summary>
    private static IEnumerable<ParameterMetadata> InHelpOrder(IEnumerable<ParameterMetadata> parameters, HelpSource help) =>
        parameters.Select((p, i) => (Parameter: p, Declared: i))
            .OrderBy(x => help.ParameterOrder.FindIndex(n => string.Equals(n, x.Parameter.Name, StringComparison.OrdinalIgnoreCase)) is var at && at >= 0 ? at : int.MaxValue)
            .ThenBy(x => x.Declared)
            .Select(x => x.Parameter);

    /// <summary>The cmdlet's own parameters (not PowerShell's common ones), in declaration order.</summary>
    public static IEnumerable<ParameterMetadata> OwnParameters(CmdletInfo cmdlet) =>
        cmdlet.Parameters.Values.Where(p => !CommonParameters.Contains(p.Name));

    private static XElement CommandElement(CmdletInfo cmdlet, HelpSource help) =>
        new(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                Paragraphs(Maml + "description", help.Synopsis),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun)),
            Paragraphs(Maml + "description", help.Description),
            new XElement(Command + "syntax", cmdlet.ParameterSets.Select(set =>
                new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", cmdlet.Name),
                    // As PowerShell writes a syntax line: positional parameters by position, then mandatory, then the rest.
                    set.Parameters.Where(p => !CommonParameters.Contains(p.Name))
                        .OrderBy(p => p.Position >= 0 ? p.Position : int.MaxValue).ThenBy(p => p.IsMandatory ? 0 : 1)
                        .Select(p => ParameterElement(p.Name, p.ParameterType, p.IsMandatory, p.Position, PipelineInput(p), p.Aliases, help, DefaultValue(cmdlet, p.Name, help)))))),
            new XElement(Command + "parameters", InHelpOrder(OwnParameters(cmdlet), help).Select(p =>
            {
                var attributes = p.ParameterSets.Values;
                var mandatory = attributes.Any(a => a.IsMandatory);
                var position = attributes.Select(a => a.Position).DefaultIfEmpty(int.MinValue).Max();
                var byValue = attributes.Any(a => a.ValueFromPipeline);
                var byName = attributes.Any(a => a.ValueFromPipelineByPropertyName);
                return ParameterElement(p.Name, p.ParameterType, mandatory, position, PipelineText(byValue, byName), p.Aliases, help, DefaultValue(cmdlet, p.Name, help));
            })),
            new XElement(Command + "inputTypes", help.Inputs.Select(TypeElement(Command + "inputType"))),
            new XElement(Command + "returnValues", help.Outputs.Select(TypeElement(Command + "returnValue"))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(Maml + "para", help.Notes).Elements())),
            new XElement(Command + "examples", help.Examples.Select((example, i) =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", $"-------------------------- {example.Title} --------------------------"),
                    new XElement(Dev + "code", example.Code),
                    new XElement(Dev + "remarks", Paragraphs(Maml + "para", example.Remarks).Elements())))));

    private static Func<(string Type, string Text), XElement> TypeElement(XName name) => item =>
        new XElement(name,
            new XElement(Dev + "type", new XElement(Maml + "name", item.Type)),
            Paragraphs(Maml + "description", item.Text));

    private static XElement ParameterElement(string name, Type type, bool mandatory, int position, string pipelineInput, IEnumerable<string> aliases, HelpSource help, string defaultValue)
    {
        var switchParameter = type == typeof(SwitchParameter);
        return new XElement(Command + "parameter",
            new XAttribute("required", mandatory ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", pipelineInput),
            new XAttribute("position", position == int.MinValue ? "named" : (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("aliases", aliases.Any() ? string.Join(", ", aliases) : "none"),
            new XElement(Maml + "name", name),
            Paragraphs(Maml + "description", help.Parameters.TryGetValue(name, out var text) ? text : string.Empty),
            switchParameter ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), TypeName(type)),
            new XElement(Dev + "type", new XElement(Maml + "name", TypeName(type))),
            new XElement(Dev + "defaultValue", defaultValue));
    }

    private static string PipelineInput(CommandParameterInfo p) => PipelineText(p.ValueFromPipeline, p.ValueFromPipelineByPropertyName);

    private static string PipelineText(bool byValue, bool byName) => (byValue, byName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    /// <summary>PowerShell's own names for parameter types, as Get-Command's syntax shows them: int, string[], hashtable.</summary>
    private static readonly Dictionary<Type, string> PowerShellNames = new()
    {
        [typeof(int)] = "int",
        [typeof(long)] = "long",
        [typeof(bool)] = "bool",
        [typeof(double)] = "double",
        [typeof(string)] = "string",
        [typeof(char)] = "char",
        [typeof(DateTime)] = "datetime",
        [typeof(TimeSpan)] = "timespan",
        [typeof(object)] = "Object",
        [typeof(System.Collections.Hashtable)] = "hashtable",
        [typeof(ScriptBlock)] = "scriptblock",
        [typeof(System.Security.SecureString)] = "securestring",
        [typeof(PSCredential)] = "pscredential",
    };

    /// <summary>The type as PowerShell shows it: int? is int (PowerShell binds it the same way), arrays as T[].</summary>
    public static string TypeName(Type type)
    {
        if (type == typeof(SwitchParameter))
        {
            return "SwitchParameter";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying);
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        return PowerShellNames.TryGetValue(type, out var name) ? name : type.Name;
    }

    /// <summary>
    /// The default a parameter really has: a "Default value:" line in its help (for defaults the cmdlet applies itself,
    /// e.g. Add-IamDeveloper's group Developers), else the value the cmdlet's property starts with; None when unset.
    /// </summary>
    public static string DefaultValue(CmdletInfo cmdlet, string parameter, HelpSource help)
    {
        if (help.Defaults.TryGetValue(parameter, out var documented))
        {
            return documented;
        }

        object? value;
        try
        {
            var instance = Activator.CreateInstance(cmdlet.ImplementingType);
            value = cmdlet.ImplementingType.GetProperty(parameter)?.GetValue(instance);
        }
        catch (Exception ex) when (ex is MissingMethodException or System.Reflection.TargetInvocationException or MemberAccessException)
        {
            return "None";
        }

        return value switch
        {
            null => "None",
            SwitchParameter { IsPresent: false } => "False",
            SwitchParameter => "True",
            string text => text.Length == 0 ? "None" : text,
            Array { Length: 0 } => "None",
            Array items => string.Join(", ", items.Cast<object>()),
            IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "None",
        };
    }

    private static XElement Paragraphs(XName name, string text) =>
        new(name, text.Split(new[] { "\n\n" }, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new XElement(Maml + "para", string.Join(" ", p.Split('\n').Select(l => l.Trim())))));
}
