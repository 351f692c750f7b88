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

        // IAM writes ISO 8601 with an offset (2026-03-01T09:00:00+00:00), read digit by digit (thousands of rows, nine
        // times each); anything else ISO-like goes to the framework's parser.
        return IsoTime(text) is { } fast ? fast
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime
            : throw Invalid($"'{text}' in {column} is not a time", line);
    }

    /// <summary>yyyy-MM-ddTHH:mm:ss followed by +hh:mm, -hh:mm or Z, as UTC; null for any other shape.</summary>
    private static DateTime? IsoTime(string text)
    {
        if ((text.Length != 25 && text.Length != 20) || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return null;
        }

        int Number(int start, int length)
        {
            var value = 0;
            for (var i = start; i < start + length; i++)
            {
                var digit = text[i] - '0';
                if (digit is < 0 or > 9)
                {
                    return -1;
                }

                value = (value * 10) + digit;
            }

            return value;
        }

        int year = Number(0, 4), month = Number(5, 2), day = Number(8, 2), hour = Number(11, 2), minute = Number(14, 2), second = Number(17, 2);
        var offsetMinutes = 0;
        if (text.Length == 25)
        {
            int offsetHours = Number(20, 2), offsetRest = Number(23, 2);
            if ((text[19] != '+' && text[19] != '-') || text[22] != ':' || offsetHours < 0 || offsetRest < 0)
            {
                return null;
            }

            offsetMinutes = (text[19] == '-' ? -1 : 1) * ((offsetHours * 60) + offsetRest);
        }
        else if (text[19] != 'Z')
        {
            return null;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return null;
        }

        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddMinutes(-offsetMinutes);
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
