namespace IamOps.Policy.Validation;

/// <summary>The state of one validation: the document, the options and the findings so far.</summary>
internal sealed class ValidationRun
{
    private readonly List<PolicyFinding> findings = new();

    public ValidationRun(PolicyDocument document, PolicyValidationOptions options)
    {
        Document = document;
        Options = options;
        Catalog = options.Catalog ?? ActionCatalog.Default;
    }

    public PolicyDocument Document { get; }

    public PolicyValidationOptions Options { get; }

    public ActionCatalog Catalog { get; }

    public PolicyType Type => Options.PolicyType;

    public IReadOnlyList<PolicyFinding> Findings => findings;

    public void Add(FindingSeverity severity, string checkId, string message, SourceLocation location, PolicyStatement? statement = null)
        => findings.Add(new PolicyFinding(severity, checkId, message, location, statement?.Index, statement?.Sid?.Text));

    public void AddRange(IEnumerable<PolicyFinding> items) => findings.AddRange(items);
}
