using System.Globalization;
using CsvHelper;

namespace IamOps.Audit;

/// <summary>Reads IAM's credential report CSV (columns found by name, as IAM may add some) into typed entries.</summary>
public static class CredentialReportParser
{
    private static readonly string[] RequiredColumns = { "user", "arn", "user_creation_time", "password_enabled", "mfa_active" };

    // Column names per slot, made once: a report of thousands of rows asks for each on every row.
    private static readonly (string Active, string Rotated, string Used, string Region, string Service)[] KeyColumns =
        new[] { 1, 2 }.Select(n => ($"access_key_{n}_active", $"access_key_{n}_last_rotated", $"access_key_{n}_last_used_date", $"access_key_{n}_last_used_region", $"access_key_{n}_last_used_service")).ToArray();

    private static readonly (string Active, string Rotated)[] CertificateColumns = new[] { 1, 2 }.Select(n => ($"cert_{n}_active", $"cert_{n}_last_rotated")).ToArray();

    /// <summary>Parses <paramref name="csv"/>; ages are counted to <paramref name="reportTime"/> (the report's GeneratedTime).</summary>
    public static IReadOnlyList<CredentialReportEntry> Parse(string csv, DateTime reportTime)
    {
        reportTime = DateTime.SpecifyKind(reportTime, DateTimeKind.Utc);
        using var rows = CsvReader.Create(System.Text.Encoding.UTF8.GetBytes(csv ?? string.Empty), options: null);
        var columns = new Columns(rows.Headers);
        if (columns.Count == 0)
        {
            throw Invalid("it is empty", 1);
        }

        if (RequiredColumns.FirstOrDefault(c => columns.IndexOf(c) < 0) is { } missing)
        {
            throw Invalid($"it has no '{missing}' column", 1);
        }

        var entries = new List<CredentialReportEntry>();
        var line = 1;
        while (rows.Read())
        {
            line++;
            string? Field(string name) => columns.IndexOf(name) is var i and >= 0 && i < rows.FieldCount ? rows.GetString(i) : null;
            DateTime? Time(string name) => ParseTime(Field(name), name, line);
            bool? Flag(string name) => ParseFlag(Field(name), name, line);

            CredentialReportAccessKey Key(int n)
            {
                var names = KeyColumns[n - 1];
                var rotated = Time(names.Rotated);
                var used = Time(names.Used);
                return new CredentialReportAccessKey
                {
                    Number = n,
                    Active = Flag(names.Active) == true,
                    LastRotated = rotated,
                    LastUsedDate = used,
                    LastUsedRegion = Value(Field(names.Region)),
                    LastUsedService = Value(Field(names.Service)),
                    AgeDays = Days(rotated, reportTime),
                    LastUsedDays = Days(used, reportTime),
                };
            }

            CredentialReportCertificate Certificate(int n)
            {
                var names = CertificateColumns[n - 1];
                var rotated = Time(names.Rotated);
                return new CredentialReportCertificate { Number = n, Active = Flag(names.Active) == true, LastRotated = rotated, AgeDays = Days(rotated, reportTime) };
            }

            var user = Field("user") ?? string.Empty;
            if (user.Length == 0)
            {
                throw Invalid("a row has no user name", line);
            }

            var created = Time("user_creation_time");
            var passwordUsed = Time("password_last_used");
            var passwordChanged = Time("password_last_changed");
            entries.Add(new CredentialReportEntry
            {
                UserName = user,
                Arn = Field("arn") ?? string.Empty,
                UserCreationTime = created,
                PasswordEnabled = Flag("password_enabled"),
                PasswordLastUsed = passwordUsed,
                PasswordLastChanged = passwordChanged,
                PasswordNextRotation = Time("password_next_rotation"),
                MfaActive = Flag("mfa_active") == true,
                AccessKey1 = Key(1),
                AccessKey2 = Key(2),
                Certificate1 = Certificate(1),
                Certificate2 = Certificate(2),
                ReportTime = reportTime,
                PasswordLastUsedDays = Days(passwordUsed, reportTime),
                PasswordAgeDays = Days(passwordChanged, reportTime),
                UserAgeDays = Days(created, reportTime),
            });
        }

        return entries;
    }

    /// <summary>Whole days from <paramref name="time"/> to <paramref name="reportTime"/>; never negative.</summary>
    public static int? Days(DateTime? time, DateTime reportTime) => time is { } t ? Math.Max(0, (int)Math.Floor((reportTime - t).TotalDays)) : null;

    private static string? Value(string? text) => text is null || IsNoValue(text) ? null : text;

    private static bool IsNoValue(string text) => text.Length == 0 || text is "N/A" or "no_information" or "not_supported";

    private static DateTime? ParseTime(string? text, string column, int line)
    {
        if (text is null || IsNoValue(text))
        {
            return null;
        }

        // IAM writes ISO 8601 with an offset (2026-03-01T09:00:00+00:00); anything else ISO-like is read too.
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)
            ? time.UtcDateTime
            : throw Invalid($"'{text}' in {column} is not a time", line);
    }

    private static bool? ParseFlag(string? text, string column, int line) => text switch
    {
        null => null,
        _ when IsNoValue(text) => null,
        "true" or "TRUE" or "True" => true,
        "false" or "FALSE" or "False" => false,
        _ => throw Invalid($"'{text}' in {column} is neither true nor false", line),
    };

    private static IamOpsException Invalid(string why, int line) =>
        new("CredentialReportInvalid", FailureKind.InvalidData, $"The credential report cannot be read: {why} (line {line}). Generate a new one with Get-IamCredentialReport -Refresh.");

    /// <summary>Column positions by name, found once per report.</summary>
    private sealed class Columns
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

        public Columns(IReadOnlyList<string> header)
        {
            for (var i = 0; i < header.Count; i++)
            {
                _index[header[i].Trim()] = i;
            }
        }

        public int Count => _index.Count;

        public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;
    }
}
