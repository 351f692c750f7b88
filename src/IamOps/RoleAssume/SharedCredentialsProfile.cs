using System.Text;
using System.Text.RegularExpressions;
using IamOps.Secrets;

namespace IamOps.RoleAssume;

/// <summary>Writes a role session as a profile in the shared credentials file other tools read; the file stays owner-only.</summary>
public static class SharedCredentialsProfile
{
    private static readonly Regex ProfileNamePattern = new(@"^[\w+=,.@:/-]{1,64}$", RegexOptions.CultureInvariant);

    /// <summary>-ProfileLocation, else AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials.</summary>
    public static string PathFor(string? profileLocation)
    {
        if (!string.IsNullOrWhiteSpace(profileLocation))
        {
            return Path.GetFullPath(profileLocation);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "credentials")
            : Path.GetFullPath(fromEnvironment);
    }

    public static void CheckName(string profileName)
    {
        if (!ProfileNamePattern.IsMatch(profileName))
        {
            throw new IamOpsException("ProfileNameInvalid", FailureKind.InvalidArgument,
                $"-SaveAsProfile '{profileName}' is not a usable profile name: use 1 to 64 letters, digits and _+=,.@:/-.", profileName);
        }
    }

    /// <summary>Replaces (or adds) the profile's section; every other line of the file is kept as it was.</summary>
    public static void Save(string path, string profileName, TemporarySession session)
    {
        CheckName(profileName);
        var kept = File.Exists(path) ? WithoutSection(File.ReadAllLines(path), profileName) : new List<string>();
        while (kept.Count > 0 && kept[kept.Count - 1].Trim().Length == 0)
        {
            kept.RemoveAt(kept.Count - 1);
        }

        if (kept.Count > 0)
        {
            kept.Add(string.Empty);
        }

        kept.Add($"[{profileName}]");
        kept.Add("aws_access_key_id = " + session.AccessKeyId);
        kept.Add("aws_secret_access_key = " + SecretText.ToPlainText(session.SecretAccessKey));
        kept.Add("aws_session_token = " + SecretText.ToPlainText(session.SessionToken));
        kept.Add("# expires " + session.Expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + ", session of " + session.Principal);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = OwnerOnlyFile.Create(path, overwrite: true);
        var bytes = new UTF8Encoding(false).GetBytes(string.Join("\n", kept) + "\n");
        stream.Write(bytes, 0, bytes.Length);
    }

    private static List<string> WithoutSection(IEnumerable<string> lines, string profileName)
    {
        var kept = new List<string>();
        var skipping = false;
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("[", StringComparison.Ordinal) && trimmed.EndsWith("]", StringComparison.Ordinal))
            {
                skipping = string.Equals(trimmed.Substring(1, trimmed.Length - 2).Trim(), profileName, StringComparison.Ordinal);
            }

            if (!skipping)
            {
                kept.Add(line);
            }
        }

        return kept;
    }
}
