namespace IamOps.Completion;

/// <summary>One name Tab can offer, with the tooltip that tells it apart (ARN, region, creation date).</summary>
internal sealed record AccountName(string Name, string ToolTip);
