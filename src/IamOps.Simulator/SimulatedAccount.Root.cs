namespace IamOps.Simulator;

// The root user's credentials, which no API call can change: tests and users set them to see what the credential
// report, GetAccountSummary and the security report make of them.
public sealed partial class SimulatedAccount
{
    /// <summary>
    /// Gives the root user an MFA device or not, and <paramref name="accessKeys"/> (0 to 2) access keys created now,
    /// as signing in as root would. The credential report's &lt;root_account&gt; row and GetAccountSummary show them.
    /// </summary>
    public void SetRootCredentials(bool mfaActive, int accessKeys)
    {
        if (accessKeys is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(accessKeys), accessKeys, "The root user has 0, 1 or 2 access keys.");
        }

        ChangeAndSave(() =>
        {
            State.RootMfaActive = mfaActive;
            var now = Now;
            State.RootAccessKeysCreated = Enumerable.Range(0, accessKeys).Select(i => i < State.RootAccessKeysCreated.Count ? State.RootAccessKeysCreated[i] : now).ToList();
        });
    }
}
