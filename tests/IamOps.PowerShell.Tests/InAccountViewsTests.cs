using System.Xml.Linq;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// The views of IamOps objects that come out of Invoke-IamInAccount (src/IamOps/IamOps.InAccount.Format.ps1xml): each
/// view of IamOps.Format.ps1xml again, for the type name "IamOps.InAccount#TYPE" the fan-out puts first on an object it
/// tags, grouped by the account. Generated here from IamOps.Format.ps1xml and committed, like the MAML help; the
/// cmdlet loads the file on first use, so Import-Module does not pay for it.
/// </summary>
public sealed class InAccountViewsTests
{
    public const string TypePrefix = "IamOps.InAccount#";
    private const string UpdateVariable = "IAMOPS_UPDATE_VIEWS";
    private const string AccountExpression = "$(if ($_.AccountName) { '{0} ({1})' -f $_.AccountId, $_.AccountName } else { $_.AccountId })";

    private static string Source => Path.Combine(HostedPowerShell.RepoRoot, "src", "IamOps", "IamOps.Format.ps1xml");

    private static string Committed => Path.Combine(HostedPowerShell.RepoRoot, "src", "IamOps", "IamOps.InAccount.Format.ps1xml");

    [Fact]
    public void InAccount_views_are_generated_from_the_format_file_and_current()
    {
        var expected = Generate(XDocument.Load(Source));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Committed, expected);
        }

        Assert.True(File.Exists(Committed) && File.ReadAllText(Committed).ReplaceLineEndings() == expected.ReplaceLineEndings(),
            $"src/IamOps/IamOps.InAccount.Format.ps1xml is out of date with src/IamOps/IamOps.Format.ps1xml. Regenerate it: {UpdateVariable}=1 dotnet test tests/IamOps.PowerShell.Tests --filter InAccount_views_are_generated_from_the_format_file_and_current");
    }

    [Fact]
    public void Every_view_has_an_in_account_twin_grouped_by_the_account_with_the_same_columns()
    {
        var source = XDocument.Load(Source).Descendants("View").ToList();
        var twins = XDocument.Parse(Generate(XDocument.Load(Source))).Descendants("View").ToList();

        Assert.Equal(source.Count, twins.Count);
        foreach (var (view, twin) in source.Zip(twins))
        {
            Assert.Equal(view.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => TypePrefix + t.Value), twin.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value));
            var group = twin.Element("GroupBy")!;
            Assert.StartsWith("Account", group.Element("Label")!.Value, StringComparison.Ordinal);
            Assert.Contains("$_.AccountId", group.Element("ScriptBlock")!.Value, StringComparison.Ordinal);
            var control = view.Elements().Single(e => e.Name.LocalName.EndsWith("Control", StringComparison.Ordinal));
            Assert.Equal(control.ToString(), twin.Elements().Single(e => e.Name.LocalName == control.Name.LocalName).ToString());
        }
    }

    /// <summary>Each view for "IamOps.InAccount#" + its type names, grouped by account (before its own grouping, if it has one).</summary>
    public static string Generate(XDocument source)
    {
        var views = source.Descendants("View").Select(view =>
        {
            var twin = new XElement(view);
            twin.Element("Name")!.Value += " (Invoke-IamInAccount)";
            foreach (var type in twin.Element("ViewSelectedBy")!.Elements("TypeName"))
            {
                type.Value = TypePrefix + type.Value;
            }

            var own = twin.Element("GroupBy");
            var ownValue = own?.Element("ScriptBlock")?.Value is { } script ? $"$({script.Trim()})"
                : own?.Element("PropertyName")?.Value is { } property ? $"$($_.{property})" : null;
            var group = new XElement("GroupBy",
                new XElement("ScriptBlock", ownValue is null ? $"\"{AccountExpression}\"" : $"\"{AccountExpression} | {ownValue}\""),
                new XElement("Label", own?.Element("Label")?.Value is { } label ? "Account | " + label : "Account"));
            own?.Remove();
            twin.Element("ViewSelectedBy")!.AddAfterSelf(group);
            return twin;
        });

        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XComment(" Generated from IamOps.Format.ps1xml by tests/IamOps.PowerShell.Tests/InAccountViewsTests.cs: do not edit.\n     The same views for objects that come out of Invoke-IamInAccount (type name IamOps.InAccount#TYPE), grouped by account.\n     Invoke-IamInAccount loads this file on first use. "),
            new XElement("Configuration", new XElement("ViewDefinitions", views)));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString() + Environment.NewLine;
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
