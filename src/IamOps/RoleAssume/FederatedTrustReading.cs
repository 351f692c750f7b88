using System.Text.Json;
using System.Text.RegularExpressions;

namespace IamOps.RoleAssume;

/// <summary>
/// The subjects a role's trust policy lets in from one OIDC issuer (the <c>host:sub</c> condition values of its
/// AssumeRoleWithWebIdentity statements), read to tell a denied token which part of its subject is wrong.
/// </summary>
public sealed class FederatedTrustReading
{
    private FederatedTrustReading(bool trustsProvider, IReadOnlyList<string> subjects)
    {
        TrustsProvider = trustsProvider;
        Subjects = subjects;
    }

    /// <summary>Some Allow statement names the issuer's provider as federated principal for AssumeRoleWithWebIdentity.</summary>
    public bool TrustsProvider { get; }

    /// <summary>The sub values (or patterns) those statements allow; empty when they do not test sub.</summary>
    public IReadOnlyList<string> Subjects { get; }

    /// <summary>Reads the trust document (JSON, or URL-encoded JSON as IAM returns it); null when it cannot be read.</summary>
    public static FederatedTrustReading? Read(string document, string issuerHost)
    {
        var json = document.StartsWith("%", StringComparison.Ordinal) ? Uri.UnescapeDataString(document) : document;
        try
        {
            using var parsed = JsonDocument.Parse(json);
            var trusts = false;
            var subjects = new List<string>();
            if (!parsed.RootElement.TryGetProperty("Statement", out var statements))
            {
                return new FederatedTrustReading(false, subjects);
            }

            foreach (var statement in Each(statements))
            {
                if (!statement.TryGetProperty("Effect", out var effect) || effect.GetString() != "Allow"
                    || !statement.TryGetProperty("Action", out var action) || !Texts(action).Any(a => a is "sts:AssumeRoleWithWebIdentity" or "sts:*" or "*")
                    || !statement.TryGetProperty("Principal", out var principal) || principal.ValueKind != JsonValueKind.Object
                    || !principal.TryGetProperty("Federated", out var federated)
                    || !Texts(federated).Any(p => p.EndsWith(":oidc-provider/" + issuerHost, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                trusts = true;
                if (statement.TryGetProperty("Condition", out var condition) && condition.ValueKind == JsonValueKind.Object)
                {
                    foreach (var test in condition.EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.Object))
                    {
                        subjects.AddRange(test.Value.EnumerateObject().Where(k => string.Equals(k.Name, issuerHost + ":sub", StringComparison.OrdinalIgnoreCase)).SelectMany(k => Texts(k.Value)));
                    }
                }
            }

            return new FederatedTrustReading(trusts, subjects.Distinct(StringComparer.Ordinal).ToList());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The repository or project part of a CI subject: "repo:acme/app" of GitHub's, "project_path:acme/app" of GitLab's; null for others.</summary>
    public static string? SourcePart(string? subject)
    {
        if (subject is null)
        {
            return null;
        }

        var parts = subject.Split(':');
        return parts.Length >= 2 && parts[0] is "repo" or "project_path" ? parts[0] + ":" + parts[1] : null;
    }

    /// <summary>IAM's StringLike: * any run of characters, ? one character, case-sensitive.</summary>
    public static bool Like(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static IEnumerable<JsonElement> Each(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : new[] { element };

    private static IEnumerable<string> Texts(JsonElement element) =>
        Each(element).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!);
}
