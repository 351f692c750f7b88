namespace IamOps.AccountFanOut;

/// <summary>Where an account's run failed.</summary>
public enum FanOutStage
{
    /// <summary>The account's session could not be made (AssumeRole was refused, the role is missing, ...): the block never ran there.</summary>
    Connect,

    /// <summary>The script block ended with a terminating error, or wrote errors, in the account.</summary>
    ScriptBlock,
}
