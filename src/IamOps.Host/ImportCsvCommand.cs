using System.Management.Automation;
using CsvHelper;

namespace IamOps.Host;

/// <summary>
/// Import-Csv for this host only: the engine package carries no Microsoft.PowerShell.Utility, and onboarding a team
/// from a CSV is a chore IamOps exists for. Like pwsh's: one object per row, a note property per header column, in
/// column order, every value a string. Added only when the session has no Import-Csv of its own.
/// </summary>
[Cmdlet(VerbsData.Import, "Csv", DefaultParameterSetName = ByPath)]
[OutputType(typeof(PSObject))]
public sealed class ImportCsvCommand : PSCmdlet
{
    private const string ByPath = "Path";
    private const string ByLiteralPath = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByPath)]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByLiteralPath)]
    [Alias("PSPath", "LP")]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    [Parameter(Position = 1)]
    public char Delimiter { get; set; } = ',';

    protected override void ProcessRecord()
    {
        foreach (var file in Files())
        {
            try
            {
                Read(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CsvFormatException)
            {
                WriteError(new ErrorRecord(ex, "ImportCsvFailed", ErrorCategory.ReadError, file));
            }
        }
    }

    private IEnumerable<string> Files()
    {
        if (ParameterSetName == ByLiteralPath)
        {
            return LiteralPath.Select(p => GetUnresolvedProviderPathFromPSPath(p));
        }

        return Path.SelectMany(p => GetResolvedProviderPathFromPSPath(p, out _));
    }

    private void Read(string file)
    {
        using var reader = new StreamReader(file);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { Separator = Delimiter }, false);
        var header = csv.Headers;
        while (csv.Read())
        {
            var row = new PSObject();
            for (var i = 0; i < header.Count; i++)
            {
                row.Properties.Add(new PSNoteProperty(header[i], i < csv.FieldCount ? csv.GetString(i) : null));
            }

            WriteObject(row);
        }
    }
}
