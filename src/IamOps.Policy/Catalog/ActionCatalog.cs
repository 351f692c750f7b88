using System.IO.Compression;
using System.Text;
using IamOps.Policy.Evaluation;

namespace IamOps.Policy;

/// <summary>
/// AWS services, actions, resource types and condition keys, from the embedded data built by Catalog/build-catalog.mjs.
/// The text is decompressed on first use and each service is parsed the first time it is asked for.
/// </summary>
public sealed class ActionCatalog
{
    private const string ResourceName = "IamOps.Policy.iam-catalog.tsv.gz";

    private static readonly Lazy<ActionCatalog> DefaultCatalog = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string text;
    private readonly Dictionary<string, ServiceSection> sections = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> prefixes = new();
    private readonly List<ConditionKeyDefinition> globalKeys = new();
    private ConditionKeyIndex? globalIndex;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<ActionDefinition>> expansions = new(StringComparer.OrdinalIgnoreCase);

    private ActionCatalog(string text)
    {
        this.text = text;
        Index();
    }

    /// <summary>The catalog embedded in this assembly.</summary>
    public static ActionCatalog Default => DefaultCatalog.Value;

    /// <summary>The npm package the data was built from.</summary>
    public string SourcePackage { get; private set; } = string.Empty;

    /// <summary>The version of that package.</summary>
    public string DataVersion { get; private set; } = string.Empty;

    /// <summary>Every service prefix, in catalog order.</summary>
    public IReadOnlyList<string> ServicePrefixes => prefixes;

    /// <summary>The global condition keys (aws:SourceIp, aws:PrincipalTag/${TagKey}, ...).</summary>
    public IReadOnlyList<ConditionKeyDefinition> GlobalConditionKeys => globalKeys;

    /// <summary>Reads a catalog from its gzip-compressed text form.</summary>
    public static ActionCatalog Load(Stream gzipStream)
    {
        using var gzip = new GZipStream(gzipStream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return new ActionCatalog(reader.ReadToEnd());
    }

    private static ActionCatalog LoadEmbedded()
    {
        using var stream = typeof(ActionCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing; rebuild IamOps.Policy.");
        return Load(stream);
    }

    /// <summary>Finds a service by prefix, ignoring case.</summary>
    public ServiceDefinition? FindService(string prefix)
        => prefix is not null && sections.TryGetValue(prefix, out var section) ? section.Definition : null;

    /// <summary>Finds an action written as "prefix:Name", ignoring case; null when unknown or when it has wildcards.</summary>
    public ActionDefinition? FindAction(string action)
    {
        var colon = action?.IndexOf(':') ?? -1;
        if (colon <= 0)
        {
            return null;
        }

        return FindService(action!.Substring(0, colon))?.FindAction(action.Substring(colon + 1));
    }

    /// <summary>Every action matched by a pattern such as "s3:Get*", "*" or "iam:?assRole" (case-insensitive).</summary>
    public IReadOnlyList<ActionDefinition> ExpandActions(string pattern)
    {
        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        if (expansions.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        var expanded = Expand(pattern);
        if (expansions.Count < 4096)
        {
            expansions.TryAdd(pattern, expanded);
        }

        return expanded;
    }

    private ActionDefinition[] Expand(string pattern)
    {
        var result = new List<ActionDefinition>();
        string servicePattern;
        string namePattern;
        if (pattern == "*")
        {
            servicePattern = "*";
            namePattern = "*";
        }
        else
        {
            var colon = pattern.IndexOf(':');
            if (colon <= 0)
            {
                return Array.Empty<ActionDefinition>();
            }

            servicePattern = pattern.Substring(0, colon);
            namePattern = pattern.Substring(colon + 1);
        }

        var nameMatcher = WildcardPattern.Compile(namePattern, wildcards: true, variables: false);
        IEnumerable<string> candidates = !WildcardCharacters.AnyIn(servicePattern) ? new[] { servicePattern } : prefixes;
        var serviceMatcher = WildcardPattern.Compile(servicePattern, wildcards: true, variables: false);
        foreach (var prefix in candidates)
        {
            if (!serviceMatcher.IsMatch(prefix.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var service = FindService(prefix);
            if (service is null)
            {
                continue;
            }

            if (nameMatcher.IsExact)
            {
                var single = service.FindAction(namePattern);
                if (single is not null)
                {
                    result.Add(single);
                }

                continue;
            }

            foreach (var action in service.Actions)
            {
                if (nameMatcher.IsMatch(action.Name.AsSpan(), StringComparison.OrdinalIgnoreCase))
                {
                    result.Add(action);
                }
            }
        }

        return result.ToArray();
    }

    /// <summary>Finds a global condition key (ignoring case; tag families included).</summary>
    public ConditionKeyDefinition? FindGlobalConditionKey(string key)
        => (globalIndex ??= new ConditionKeyIndex(globalKeys)).Find(key);

    /// <summary>Finds a condition key: global first, then the service named by the key's prefix, then any service listing it.</summary>
    public ConditionKeyDefinition? FindConditionKey(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var global = FindGlobalConditionKey(key);
        if (global is not null)
        {
            return global;
        }

        var colon = key.IndexOf(':');
        if (colon > 0)
        {
            var owner = FindService(key.Substring(0, colon))?.FindConditionKey(key);
            if (owner is not null)
            {
                return owner;
            }
        }

        // Identity-provider keys (e.g. token.actions.githubusercontent.com:sub) are listed under sts.
        return FindService("sts")?.FindConditionKey(key);
    }

    private void Index()
    {
        var position = 0;
        string? currentPrefix = null;
        var sectionStart = 0;
        var sectionName = string.Empty;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0)
            {
                end = text.Length;
            }

            var kind = text[position];
            if (kind == 'S')
            {
                if (currentPrefix is not null)
                {
                    AddSection(currentPrefix, sectionName, sectionStart, position);
                }

                var fields = text.Substring(position, end - position).Split('\t');
                currentPrefix = fields[1];
                sectionName = fields.Length > 2 ? fields[2] : fields[1];
                sectionStart = end + 1;
            }
            else if (kind == 'G')
            {
                var fields = text.Substring(position, end - position).Split('\t');
                globalKeys.Add(ConditionKeyDefinition.FromCatalogType(fields[1], fields[2]));
            }
            else if (kind == '#')
            {
                var fields = text.Substring(position, end - position).Split('\t');
                SourcePackage = fields.Length > 1 ? fields[1] : string.Empty;
                DataVersion = fields.Length > 2 ? fields[2] : string.Empty;
            }

            position = end + 1;
        }

        if (currentPrefix is not null)
        {
            AddSection(currentPrefix, sectionName, sectionStart, text.Length);
        }
    }

    private void AddSection(string prefix, string name, int start, int end)
    {
        prefixes.Add(prefix);
        sections[prefix] = new ServiceSection(text, prefix, name, start, end);
    }
}
