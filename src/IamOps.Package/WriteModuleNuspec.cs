// Compiled by MSBuild's RoslynCodeTaskFactory (see IamOps.Package.proj); not part of any assembly we ship.
#nullable enable
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Reads the module manifest (the one place the module's metadata lives), checks that its version is the build's, and
/// writes the .nuspec PowerShellGet would write for it: id, version, authors, description, links and release notes from
/// PSData, and the tags the PowerShell Gallery searches (PSModule, PSIncludes_Cmdlet, PSCmdlet_*, PSCommand_*).
/// </summary>
public sealed class WriteModuleNuspec : Task
{
    private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

    // Keys whose entries are always paths, and keys whose entries are paths only when they name a file (else a module
    // or assembly name such as Microsoft.PowerShell.Utility).
    private static readonly string[] PathKeys = { "ScriptsToProcess", "TypesToProcess", "FormatsToProcess", "FileList" };
    private static readonly string[] ModuleKeys = { "RootModule", "ModuleToProcess", "NestedModules", "RequiredAssemblies" };
    private static readonly string[] ModuleFileExtensions = { ".dll", ".exe", ".psm1", ".psd1", ".ps1", ".cdxml", ".xaml" };

    /// <summary>The .psd1 to package; its file name is the module's name and the package id.</summary>
    [Required]
    public string ManifestPath { get; set; } = string.Empty;

    /// <summary>The build's version (Directory.Build.props); the manifest must say the same.</summary>
    [Required]
    public string PackageVersion { get; set; } = string.Empty;

    /// <summary>Where the .nupkg goes; the module folder is laid out beside it as &lt;name&gt;/&lt;ModuleVersion&gt;/.</summary>
    [Required]
    public string PackageOutputPath { get; set; } = string.Empty;

    [Required]
    public string NuspecPath { get; set; } = string.Empty;

    /// <summary>The module folder the nuspec packs: PackageOutputPath/name/ModuleVersion/, with a trailing separator.</summary>
    [Output]
    public string ModuleFolder { get; set; } = string.Empty;

    /// <summary>Files the manifest names (relative to it, '/'-separated), so files beside the manifest ship too.</summary>
    [Output]
    public ITaskItem[] ManifestFiles { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        Dictionary<string, object?> manifest;
        try
        {
            manifest = Psd1.Read(File.ReadAllText(ManifestPath));
        }
        catch (FormatException ex)
        {
            Log.LogError(null, "IAMOPSPKG001", null, ManifestPath, 0, 0, 0, 0, "The manifest could not be read: {0}", ex.Message);
            return false;
        }

        var name = Path.GetFileNameWithoutExtension(ManifestPath);
        var psData = Table(Table(manifest, "PrivateData"), "PSData");
        var moduleVersion = Text(manifest, "ModuleVersion");
        var prerelease = Text(psData, "Prerelease");
        var version = prerelease.Length == 0 ? moduleVersion : moduleVersion + "-" + prerelease;
        if (!string.Equals(version, PackageVersion, StringComparison.OrdinalIgnoreCase))
        {
            Log.LogError(null, "IAMOPSPKG002", null, ManifestPath, 0, 0, 0, 0,
                "{0} says version '{1}' (ModuleVersion{2}) but the build's Version is '{3}' (Directory.Build.props). Set both to the same version.",
                Path.GetFileName(ManifestPath), version, prerelease.Length == 0 ? string.Empty : " and PSData.Prerelease", PackageVersion);
            return false;
        }

        if (List(manifest, "RequiredModules").Count > 0)
        {
            Log.LogError(null, "IAMOPSPKG003", null, ManifestPath, 0, 0, 0, 0,
                "The manifest has RequiredModules, which packaging does not turn into nuspec dependencies yet; add that to WriteModuleNuspec.cs.");
            return false;
        }

        var cmdlets = List(manifest, "CmdletsToExport").Select(o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? string.Empty).ToList();
        var functions = List(manifest, "FunctionsToExport").Select(o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? string.Empty).ToList();
        if (cmdlets.Concat(functions).Any(c => c.Contains('*')))
        {
            Log.LogError(null, "IAMOPSPKG004", null, ManifestPath, 0, 0, 0, 0,
                "CmdletsToExport and FunctionsToExport must list names, not wildcards: the package's command tags are made from them.");
            return false;
        }

        ModuleFolder = Path.Combine(Path.GetFullPath(PackageOutputPath), name, moduleVersion) + Path.DirectorySeparatorChar;
        ManifestFiles = PathKeys.SelectMany(key => Entries(manifest, key))
            .Concat(ModuleKeys.SelectMany(key => Entries(manifest, key)).Where(path => ModuleFileExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)))
            .Select(path => path.Replace('\\', '/'))
            .Select(path => path.StartsWith("./", StringComparison.Ordinal) ? path.Substring(2) : path)
            .Where(path => path.Length > 0 && !Path.IsPathRooted(path) && !path.Split('/').Contains(".."))
            .Distinct(StringComparer.Ordinal)
            .Select(path => (ITaskItem)new TaskItem(path))
            .ToArray();

        var tags = new List<string>();
        tags.AddRange(List(psData, "Tags").Select(o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? string.Empty));
        tags.Add("PSModule");
        if (cmdlets.Count > 0)
        {
            tags.Add("PSIncludes_Cmdlet");
        }

        if (functions.Count > 0)
        {
            tags.Add("PSIncludes_Function");
        }

        tags.AddRange(cmdlets.SelectMany(c => new[] { "PSCmdlet_" + c, "PSCommand_" + c }));
        tags.AddRange(functions.SelectMany(f => new[] { "PSFunction_" + f, "PSCommand_" + f }));

        var metadata = new XElement(Nuspec + "metadata",
            new XElement(Nuspec + "id", name),
            new XElement(Nuspec + "version", version),
            new XElement(Nuspec + "authors", Text(manifest, "Author")),
            new XElement(Nuspec + "owners", Text(manifest, "CompanyName")),
            new XElement(Nuspec + "requireLicenseAcceptance", Text(psData, "RequireLicenseAcceptance").Equals("True", StringComparison.OrdinalIgnoreCase) ? "true" : "false"),
            Optional("licenseUrl", Text(psData, "LicenseUri")),
            Optional("projectUrl", Text(psData, "ProjectUri")),
            Optional("iconUrl", Text(psData, "IconUri")),
            new XElement(Nuspec + "description", Text(manifest, "Description")),
            Optional("releaseNotes", Text(psData, "ReleaseNotes")),
            Optional("copyright", Text(manifest, "Copyright")),
            new XElement(Nuspec + "tags", string.Join(" ", tags.Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))));
        var files = new XElement(Nuspec + "files", new XElement(Nuspec + "file", new XAttribute("src", ModuleFolder + "**"), new XAttribute("target", string.Empty)));

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(NuspecPath))!);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(Nuspec + "package", metadata, files));
        var text = document.Declaration + Environment.NewLine + document;
        if (!File.Exists(NuspecPath) || File.ReadAllText(NuspecPath) != text)
        {
            File.WriteAllText(NuspecPath, text, new UTF8Encoding(false));
        }

        return true;
    }

    private static IEnumerable<string> Entries(Dictionary<string, object?> manifest, string key) =>
        List(manifest, key).Select(entry => Convert.ToString(entry is IDictionary nested ? nested["ModuleName"] : entry, CultureInfo.InvariantCulture) ?? string.Empty);

    private static XElement? Optional(string element, string value) => value.Length == 0 ? null : new XElement(Nuspec + element, value);

    private static Dictionary<string, object?> Table(Dictionary<string, object?> table, string key) =>
        table.TryGetValue(key, out var value) && value is Dictionary<string, object?> nested ? nested : new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

    private static string Text(Dictionary<string, object?> table, string key) =>
        table.TryGetValue(key, out var value) && value is not null ? (Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).Trim() : string.Empty;

    private static List<object?> List(Dictionary<string, object?> table, string key) =>
        !table.TryGetValue(key, out var value) || value is null ? new List<object?>()
        : value is List<object?> list ? list
        : new List<object?> { value };

    /// <summary>
    /// The part of PowerShell's data language manifests use: hashtables, arrays (@() or comma lists), quoted strings and
    /// here-strings, $true/$false/$null, bare numbers; comments. The packaging test checks the result against
    /// Test-ModuleManifest, so a manifest this reader gets wrong fails there.
    /// </summary>
    private sealed class Psd1
    {
        private readonly string text;
        private int pos;

        private Psd1(string text) => this.text = text;

        public static Dictionary<string, object?> Read(string text)
        {
            var reader = new Psd1(text);
            reader.Skip(newlines: true);
            if (!reader.Take("@{"))
            {
                throw reader.Fail("expected the manifest to start with @{");
            }

            var table = reader.ReadTableBody();
            reader.Skip(newlines: true);
            if (reader.pos < text.Length)
            {
                throw reader.Fail("unexpected text after the manifest's closing }");
            }

            return table;
        }

        private Dictionary<string, object?> ReadTableBody()
        {
            var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                Skip(newlines: true);
                if (Take(";"))
                {
                    continue;
                }

                if (Take("}"))
                {
                    return table;
                }

                var key = Peek() is '\'' or '"' ? ReadString() : ReadBare(stopAtEquals: true);
                Skip(newlines: false);
                if (!Take("="))
                {
                    throw Fail($"expected '=' after '{key}'");
                }

                table[key] = ReadStatement();
            }
        }

        private List<object?> ReadArrayBody()
        {
            var items = new List<object?>();
            while (true)
            {
                Skip(newlines: true);
                if (Take(",") || Take(";"))
                {
                    continue;
                }

                if (Take(")"))
                {
                    return items;
                }

                var value = ReadStatement();
                if (value is List<object?> inner)
                {
                    items.AddRange(inner);
                }
                else
                {
                    items.Add(value);
                }
            }
        }

        // A value and, when commas follow, the rest of its comma list (which may continue on the next line after a comma).
        private object? ReadStatement()
        {
            var first = ReadValue();
            Skip(newlines: false);
            if (Peek() != ',')
            {
                return first;
            }

            var list = new List<object?> { first };
            while (Take(","))
            {
                list.Add(ReadValue());
                Skip(newlines: false);
            }

            return list;
        }

        private object? ReadValue()
        {
            Skip(newlines: true);
            if (Take("@{"))
            {
                return ReadTableBody();
            }

            if (Take("@("))
            {
                return ReadArrayBody();
            }

            if (Peek() == '@' && pos + 1 < text.Length && text[pos + 1] is '\'' or '"')
            {
                return ReadHereString();
            }

            if (Peek() is '\'' or '"')
            {
                return ReadString();
            }

            if (Take("$"))
            {
                var variable = ReadBare(stopAtEquals: false);
                switch (variable.ToLowerInvariant())
                {
                    case "true": return true;
                    case "false": return false;
                    case "null": return null;
                    default: throw Fail($"the variable ${variable} is not allowed in a manifest this reader understands");
                }
            }

            return ReadBare(stopAtEquals: false);
        }

        private string ReadString()
        {
            var quote = text[pos++];
            var value = new StringBuilder();
            while (pos < text.Length)
            {
                var c = text[pos++];
                if (c == quote)
                {
                    if (Peek() == quote)
                    {
                        value.Append(quote);
                        pos++;
                        continue;
                    }

                    return value.ToString();
                }

                if (quote == '"' && c == '`' && pos < text.Length)
                {
                    value.Append(Escape(text[pos++]));
                    continue;
                }

                value.Append(c);
            }

            throw Fail("a string is not closed");
        }

        private string ReadHereString()
        {
            var quote = text[pos + 1];
            var bodyStart = text.IndexOf('\n', pos);
            var terminator = "\n" + quote + "@";
            var end = bodyStart < 0 ? -1 : text.IndexOf(terminator, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                throw Fail("a here-string is not closed");
            }

            var body = text.Substring(bodyStart + 1, end - bodyStart - 1).TrimEnd('\r');
            pos = end + terminator.Length;
            return body.Replace("\r\n", "\n");
        }

        private string ReadBare(bool stopAtEquals)
        {
            var start = pos;
            while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && ",;)}#".IndexOf(text[pos]) < 0 && !(stopAtEquals && text[pos] == '='))
            {
                pos++;
            }

            if (pos == start)
            {
                throw Fail("expected a value");
            }

            return text.Substring(start, pos - start);
        }

        // Spaces, comments and backtick line continuations; newlines too where they only separate.
        private void Skip(bool newlines)
        {
            while (pos < text.Length)
            {
                var c = text[pos];
                if (c is ' ' or '\t' || (newlines && c is '\r' or '\n'))
                {
                    pos++;
                }
                else if (c == '`' && pos + 1 < text.Length && text[pos + 1] is '\r' or '\n')
                {
                    pos += text[pos + 1] == '\r' && pos + 2 < text.Length && text[pos + 2] == '\n' ? 3 : 2;
                }
                else if (Take("<#"))
                {
                    var end = text.IndexOf("#>", pos, StringComparison.Ordinal);
                    pos = end < 0 ? text.Length : end + 2;
                }
                else if (c == '#')
                {
                    while (pos < text.Length && text[pos] != '\n')
                    {
                        pos++;
                    }
                }
                else
                {
                    return;
                }
            }
        }

        private static char Escape(char c) => c switch
        {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '0' => '\0',
            _ => c,
        };

        private char Peek() => pos < text.Length ? text[pos] : '\0';

        private bool Take(string token)
        {
            if (string.CompareOrdinal(text, pos, token, 0, token.Length) != 0)
            {
                return false;
            }

            pos += token.Length;
            return true;
        }

        private FormatException Fail(string problem)
        {
            var line = 1 + text.Take(Math.Min(pos, text.Length)).Count(c => c == '\n');
            return new FormatException($"line {line}: {problem}");
        }
    }
}
