using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IamOps.Policy;

namespace IamOps.Tests.Policy;

public class PolicyProperties
{
    private static readonly HashSet<string> KnownIds = typeof(PolicyCheckIds).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();

    private static readonly AuthorizationRequest[] Requests =
    {
        new("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b/alice/x", new RequestContext().Set("aws:SourceIp", "10.1.2.3").Set("aws:TagKeys", "a", "b")),
        new("arn:aws:sts::111122223333:assumed-role/r/s", "iam:PassRole", "arn:aws:iam::111122223333:role/x", new RequestContext().Set("aws:CurrentTime", "2025-01-01T00:00:00Z")),
        new("arn:aws:iam::111122223333:user/bob", "ec2:DescribeInstances"),
    };

    private static bool FindingsAreWellFormed(IReadOnlyList<PolicyFinding> findings)
        => findings.All(f => KnownIds.Contains(f.CheckId) && f.Message.Length > 0 && f.Line >= 0 && f.Column >= 0);

    [Property(MaxTest = 300)]
    public Property Random_documents_only_produce_findings()
        => Prop.ForAll(PolicyGenerators.Documents(), json =>
        {
            var findings = PolicyValidator.Validate(json, new PolicyValidationOptions { PolicyType = PolicyType.Resource });
            var document = PolicyDocument.Parse(json);
            var set = new PolicySet(Array.Empty<CompiledPolicy>(), resourcePolicy: CompiledPolicy.Compile(document));
            var decisions = Requests.Select(set.Evaluate).ToArray();
            return FindingsAreWellFormed(findings) && decisions.All(d => Enum.IsDefined(d.Decision));
        });

    [Property(MaxTest = 300)]
    public Property Mutated_documents_only_produce_findings()
        => Prop.ForAll(PolicyGenerators.MutatedDocuments(), json =>
        {
            var findings = PolicyValidator.Validate(json);
            var document = PolicyDocument.Parse(json);
            var wellFormedOrError = document.IsWellFormed || findings.Any(f => f.Severity == FindingSeverity.Error);
            var set = new PolicySet(new[] { CompiledPolicy.Compile(document) });
            return FindingsAreWellFormed(findings) && wellFormedOrError && Requests.All(r => Enum.IsDefined(set.Decide(r)));
        });

    [Property(MaxTest = 200)]
    public Property Mutated_bytes_only_produce_findings()
        => Prop.ForAll(PolicyGenerators.MutatedBytes(), bytes =>
        {
            var findings = PolicyValidator.Validate(new ReadOnlyMemory<byte>(bytes));
            var document = PolicyDocument.Parse(bytes);
            return FindingsAreWellFormed(findings) && (document.IsWellFormed || findings.Any(f => f.Severity == FindingSeverity.Error));
        });

    [Property(MaxTest = 300)]
    public Property Parse_serialize_parse_is_stable()
        => Prop.ForAll(PolicyGenerators.Documents(), json =>
        {
            var first = PolicyDocument.Parse(json);
            var canonical = first.ToJson();
            var second = PolicyDocument.Parse(canonical);
            var sameText = second.ToJson() == canonical;
            var sameShape = first.Statements.Count == second.Statements.Count
                && first.Statements.Zip(second.Statements, (a, b) => Texts(a) == Texts(b)).All(x => x);
            var sameDecisions = Requests.All(r => Decide(first, r) == Decide(second, r));
            return sameText && sameShape && sameDecisions && second.IsWellFormed;
        });

    private static string Texts(PolicyStatement s)
        => string.Join("|", new[] { s.Sid?.Text, s.Effect?.Text }
            .Concat((s.Action ?? s.NotAction ?? (IEnumerable<PolicyValue>)Array.Empty<PolicyValue>()).Select(v => v.Text))
            .Concat((s.Resource ?? s.NotResource ?? (IEnumerable<PolicyValue>)Array.Empty<PolicyValue>()).Select(v => v.Text))
            .Concat(s.Conditions.SelectMany(c => c.Values.Select(v => c.Operator + c.Key + v.Kind + v.Text))));

    private static EvaluationDecision Decide(PolicyDocument document, AuthorizationRequest request)
        => new PolicySet(new[] { CompiledPolicy.Compile(document) }).Decide(request);
}
