using System.Text;

namespace IamOps.Audit;

/// <summary>The -OutFile of Get-IamSecurityReport: its format, the checks made before any call, and the write.</summary>
public static class SecurityReportFile
{
    /// <summary>The format <paramref name="format"/> names, else the one the file's extension names (.html, .htm, .md, .markdown).</summary>
    public static SecurityReportFormat FormatOf(string path, SecurityReportFormat? format)
    {
        if (format is { } chosen)
        {
            return chosen;
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" or ".htm" => SecurityReportFormat.Html,
            ".md" or ".markdown" => SecurityReportFormat.Markdown,
            var other => throw new IamOpsException("OutFileFormatUnknown", FailureKind.InvalidArgument,
                $"-OutFile '{path}' does not say which format to write{(other.Length > 0 ? $" ({other} is neither .html nor .md)" : string.Empty)}; end it in .html or .md, or add -Format Html or -Format Markdown.", path),
        };
    }

    /// <summary>
    /// Refuses, before anything is read or written, a file in a folder that does not exist, a folder, and (with
    /// <paramref name="noClobber"/>) a file that exists: as Out-File, an existing file is otherwise replaced.
    /// </summary>
    public static void CheckTarget(string path, bool noClobber)
    {
        if (Directory.Exists(path))
        {
            throw new IamOpsException("OutFileIsFolder", FailureKind.InvalidArgument, $"-OutFile '{path}' is a folder; give a file name such as '{Path.Combine(path, "iam-report.html")}'.", path);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new IamOpsException("OutFileFolderNotFound", FailureKind.ObjectNotFound, $"The folder '{folder}' of -OutFile does not exist; create it first (New-Item -ItemType Directory '{folder}') or write elsewhere. Nothing was read or written.", path);
        }

        if (noClobber && File.Exists(path))
        {
            throw new IamOpsException("OutFileExists", FailureKind.ResourceExists, $"'{path}' exists and -NoClobber is set; leave out -NoClobber to replace it, or choose another file name. Nothing was read or written.", path);
        }
    }

    /// <summary>Writes the page as UTF-8 (no byte-order mark).</summary>
    public static void Write(string path, SecurityReport report, SecurityReportFormat format)
    {
        var text = format == SecurityReportFormat.Html ? SecurityReportHtml.Render(report) : SecurityReportMarkdown.Render(report);
        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new IamOpsException("OutFileWriteFailed", FailureKind.WriteError, $"The report could not be written to '{path}': {failure.Message}", path, failure);
        }
    }
}
