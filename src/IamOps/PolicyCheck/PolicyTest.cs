using IamOps.Aws;

namespace IamOps.PolicyCheck;

/// <summary>
/// Test-IamPolicy's capability, one per call. Lint mode: every document or file read is linted as it comes. Decide
/// mode: the question (actions expanded from the catalog) is decided at the end against the documents read, locally
/// or by IAM's simulator; or, per principal, against a user's, group's or role's policies read from the account.
/// Every outcome feeds the gate behind -Quiet and -FailOn. It returns what to report; the caller writes it.
/// </summary>
public sealed class PolicyTest
{
    private readonly PolicyTestSettings _settings;
    private readonly List<SourcedPolicy> _policies = new();
    private DecisionRequest? _question;
    private PrincipalDecider? _principals;
    private int _documentCount;
    private bool _inputFailed;

    public PolicyTest(PolicyTestSettings settings)
    {
        _settings = settings;
        Gate = new PolicyCheckGate(settings.FailOn);
    }

    public PolicyCheckGate Gate { get; }

    /// <summary>Decide mode: actions were given.</summary>
    public bool Deciding => _settings.Question.Actions.Count > 0;

    /// <summary>Reads documents given as values (-PolicyDocument); a null list is one missing document, an error, never a gate passed on no input.</summary>
    public IReadOnlyList<PolicyCheckEntry> AddDocuments(IReadOnlyList<object?>? documents)
    {
        var entries = new List<PolicyCheckEntry>();
        var read = new List<SourcedPolicy>();
        foreach (var document in documents ?? new object?[] { null })
        {
            var source = $"PolicyDocument[{_documentCount++}]";
            try
            {
                read.Add(SourcedPolicy.FromJson(source, _settings.ToJson(document, source)));
            }
            catch (IamOpsException failure)
            {
                entries.Add(Unreadable(failure, source));
            }
        }

        entries.AddRange(Added(read));
        return entries;
    }

    /// <summary>Reads policy files; <paramref name="resolve"/> turns a path or pattern into the files it names (throws when none).</summary>
    public IReadOnlyList<PolicyCheckEntry> AddFiles(IEnumerable<string> paths, Func<string, IReadOnlyList<string>> resolve)
    {
        var entries = new List<PolicyCheckEntry>();
        var read = new List<SourcedPolicy>();
        foreach (var path in paths)
        {
            try
            {
                read.AddRange(resolve(path).Select(PolicyFileReader.Read));
            }
            catch (IamOpsException failure)
            {
                entries.Add(Unreadable(failure, path));
            }
        }

        entries.AddRange(Added(read));
        return entries;
    }

    /// <summary>The error for a call that gave nothing to check; null when there was something.</summary>
    public IamOpsException? NothingToCheck(bool documentMode) =>
        !Deciding && documentMode && _documentCount == 0
            ? new IamOpsException("PolicyDocumentMissing", FailureKind.InvalidArgument,
                "Nothing to check: give -PolicyDocument or -Path to lint, or -Action (with -ResourcePolicy, -TrustPolicy or -PolicyDocument @()) to decide.")
            : null;

    /// <summary>Whether the documents read should now be decided: decide mode, and every input was readable.</summary>
    public bool ReadyToDecide => Deciding && !_inputFailed;

    /// <summary>Decides the question against the documents read: locally, or with <paramref name="remote"/> by IAM's SimulateCustomPolicy.</summary>
    public async Task<IReadOnlyList<PolicyCheckEntry>> DecideDocumentsAsync(IIam? remote, CancellationToken cancellationToken)
    {
        var question = Question() with { IdentityPolicies = _policies };
        return Report(remote is not null
            ? DecisionOutcome.Of(await RemoteSimulation.SimulateCustomAsync(remote, question, cancellationToken).ConfigureAwait(false))
            : LocalDecider.Decide(question));
    }

    /// <summary>
    /// Checks the question before anything is read; <paramref name="iam"/> is asked for once, the first time a principal
    /// is decided (it may write to the caller's streams, so call this on the caller's thread).
    /// </summary>
    public void PrepareForPrincipals(Func<IIam> iam)
    {
        Question();
        _principals ??= new PrincipalDecider(iam());
    }

    /// <summary>Decides the question for a user, group or role of the account (<see cref="PrepareForPrincipals"/> first).</summary>
    public async Task<IReadOnlyList<PolicyCheckEntry>> DecideForAsync(IdentityKind kind, string name, bool remote, CancellationToken cancellationToken) =>
        Report(await _principals!.DecideAsync(kind, name.Trim(), Question(), remote, cancellationToken).ConfigureAwait(false));

    /// <summary>An input that could not be read or decided: reported, and the gate fails.</summary>
    public PolicyCheckEntry Unreadable(IamOpsException failure, object? target)
    {
        _inputFailed = true;
        Gate.RecordUnreadableInput();
        return PolicyCheckEntry.Error(failure, target);
    }

    /// <summary>Everything about the question except whose policies answer it, built once.</summary>
    private DecisionRequest Question() => _question ??= DecisionQuestion.Build(_settings.Question, _settings.ToJson, _settings.AsList);

    private IEnumerable<PolicyCheckEntry> Added(List<SourcedPolicy> read)
    {
        _policies.AddRange(read);
        if (Deciding)
        {
            return Array.Empty<PolicyCheckEntry>();
        }

        return read.SelectMany(p => PolicyLinter.Lint(p, _settings.Lint)).Select(finding =>
        {
            Gate.Record(finding);
            return PolicyCheckEntry.Output(finding);
        }).ToList();
    }

    private IReadOnlyList<PolicyCheckEntry> Report(DecisionOutcome outcome)
    {
        var entries = new List<PolicyCheckEntry>();
        foreach (var failure in outcome.Failures)
        {
            Gate.RecordUnreadableInput();
            entries.Add(PolicyCheckEntry.Error(failure, failure.Target));
        }

        foreach (var decision in outcome.Decisions)
        {
            Gate.Record(decision);
            entries.Add(PolicyCheckEntry.Output(decision));
        }

        return entries;
    }
}
