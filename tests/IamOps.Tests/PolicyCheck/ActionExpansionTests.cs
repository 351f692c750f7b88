using IamOps.Policy;
using IamOps.PolicyCheck;

namespace IamOps.Tests.PolicyCheck;

public sealed class ActionExpansionTests
{
    [Fact]
    public void A_pattern_becomes_every_matching_catalog_action_and_exact_names_stay_as_written()
    {
        var actions = ActionExpansion.Expand(new[] { "iam:?assRole", "s3:GetObject", "ec2:NotInTheCatalogYet" }, ActionCatalog.Default);

        Assert.Equal(new[] { "iam:PassRole", "s3:GetObject", "ec2:NotInTheCatalogYet" }, actions);
    }

    [Fact]
    public void Duplicates_across_patterns_are_decided_once()
    {
        var actions = ActionExpansion.Expand(new[] { "s3:GetObject", "s3:GetObj*", "S3:GETOBJECT" }, ActionCatalog.Default);

        Assert.Single(actions, a => string.Equals(a, "s3:GetObject", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(actions.Count, actions.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_pattern_matching_nothing_is_an_invalid_argument()
    {
        var failure = Assert.Throws<IamOpsException>(() => ActionExpansion.Expand(new[] { "nosuch:*" }, ActionCatalog.Default));

        Assert.Equal("ActionPatternUnknown", failure.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
    }
}
