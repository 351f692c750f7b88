using IamOps.Policy;

namespace IamOps.Tests.Policy;

public class DecisionCorpusTests
{
    [Theory]
    [MemberData(nameof(DecisionCorpus.CaseIds), MemberType = typeof(DecisionCorpus))]
    public void Documented_request_gets_the_documented_decision(string id)
    {
        var item = DecisionCorpus.Find(id);

        var decision = item.Policies.Evaluate(item.Request);

        Assert.True(item.Expected == decision.Decision, $"{item.Why} ({item.Page}) expected {item.Expected}, got {decision.Decision}");
        Assert.Equal(decision.Decision, item.Policies.Decide(item.Request));
        if (item.Missing is not null)
        {
            Assert.Equal(item.Missing.OrderBy(k => k, StringComparer.OrdinalIgnoreCase), decision.MissingContextKeys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        }

        if (decision.Decision == EvaluationDecision.ExplicitDeny)
        {
            Assert.All(decision.MatchedStatements, s => Assert.True(s.IsDeny));
            Assert.NotEmpty(decision.MatchedStatements);
        }
    }

    [Fact]
    public void Corpus_has_at_least_300_justified_cases_from_every_page()
    {
        var cases = DecisionCorpus.Cases;

        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");
        Assert.All(cases, c => Assert.False(string.IsNullOrWhiteSpace(c.Why)));
        Assert.All(cases, c => Assert.StartsWith("https://docs.aws.amazon.com/", c.Url));
        var pages = cases.Select(c => c.Page).Distinct().ToArray();
        Assert.True(pages.Length >= 7, string.Join(", ", pages));
        Assert.Contains(cases, c => c.Expected == EvaluationDecision.Allowed);
        Assert.Contains(cases, c => c.Expected == EvaluationDecision.ExplicitDeny);
        Assert.Contains(cases, c => c.Expected == EvaluationDecision.ImplicitDeny);
    }
}
