using System.Text.Json;
using IamOps.Planning;

namespace IamOps.Tests.Planning;

/// <summary>What result objects say about changes: past tense once done, no doubled nouns, lists that read as text in a CSV.</summary>
public sealed class ChangeTextTests
{
    private static PlannedChange Change(string description, string target) => new(ChangeKind.Create, target, description, "test", _ => Task.CompletedTask);

    [Theory]
    [InlineData("Create group", "group Administrators", "Created group Administrators")]
    [InlineData("Create user", "user alice", "Created user alice")]
    [InlineData("Add to group Developers:", "user alice", "Added user alice to group Developers")]
    [InlineData("Remove from group Ops:", "user alice", "Removed user alice from group Ops")]
    [InlineData("Attach IAMUserChangePassword to", "group Developers", "Attached IAMUserChangePassword to group Developers")]
    [InlineData("Create virtual MFA device", "virtual MFA device alice", "Created virtual MFA device alice")]
    [InlineData("Create managed policy", "policy IamOps-RequireMFA", "Created managed policy IamOps-RequireMFA")]
    [InlineData("Set", "account password policy", "Set account password policy")]
    [InlineData("Tag", "user alice", "Tagged user alice")]
    [InlineData("Enable the virtual MFA device for", "user alice", "Enabled the virtual MFA device for user alice")]
    public void An_applied_change_reads_in_the_past_tense_without_doubled_nouns(string description, string target, string expected)
    {
        Assert.Equal(expected, new AppliedChange(Change(description, target), ChangeOutcome.Applied).ToString());
    }

    [Fact]
    public void Skipped_and_failed_changes_say_would_and_failed_to()
    {
        var change = Change("Create group", "group Administrators");

        Assert.Equal("Would create group Administrators", new AppliedChange(change, ChangeOutcome.Skipped).ToString());
        Assert.Equal("Failed to create group Administrators: boom", new AppliedChange(change, ChangeOutcome.Failed, new IamOpsException("X", FailureKind.NotSpecified, "boom")).ToString());
        Assert.Equal("Not attempted: create group Administrators", new AppliedChange(change, ChangeOutcome.NotAttempted).ToString());
    }

    [Fact]
    public void A_TextList_is_a_list_to_json_and_a_to_b_text_to_csv()
    {
        var result = new IamOps.Developers.DeveloperResult { Groups = new List<string> { "Developers", "Ops" }, Changes = new[] { "Created user alice" } };

        Assert.Equal("Developers; Ops", result.Groups.ToString());
        Assert.Equal("Created user alice", result.Changes.ToString());
        Assert.Equal("""["Developers","Ops"]""", JsonSerializer.Serialize(result.Groups));
        Assert.Equal(string.Empty, new IamOps.Baseline.BaselineControl().Changes.ToString());
    }
}
