namespace IamOps.Aws;

/// <summary>
/// Calls whose answer carries a secret that is shown once (see <see cref="OneShotRetryHandler"/>, which sends them
/// once). When the answer is lost, a timeout, a dropped connection or a 5xx, the call may have landed all the same: look,
/// and finish the job so that the caller ends with exactly one key or password whose secret it holds.
/// </summary>
public static class OneShotCalls
{
    /// <summary>
    /// Creates an access key for <paramref name="userName"/>. If the answer is lost, keys that are not in
    /// <paramref name="keysBefore"/> were made by the lost call (their secret unseen): they are deleted and the key is
    /// created once more. Nothing new means nothing landed, and the original failure stands.
    /// </summary>
    public static async Task<NewAccessKey> CreateAccessKeyAsync(IIam iam, string userName, IReadOnlyCollection<string> keysBefore, CancellationToken cancellationToken)
    {
        try
        {
            return await iam.CreateAccessKeyAsync(userName, cancellationToken).ConfigureAwait(false);
        }
        catch (IamOpsException lost) when (AnswerLost(lost))
        {
            List<AccessKeyMetadata> keys;
            try
            {
                keys = await IamLookup.ToListAsync(iam.ListAccessKeysAsync(userName, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (IamOpsException)
            {
                throw lost;
            }

            var unseen = keys.Where(k => !keysBefore.Contains(k.AccessKeyId)).ToList();
            if (unseen.Count == 0)
            {
                throw;
            }

            foreach (var key in unseen)
            {
                await iam.DeleteAccessKeyAsync(userName, key.AccessKeyId, cancellationToken).ConfigureAwait(false);
            }

            return await iam.CreateAccessKeyAsync(userName, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Gives <paramref name="userName"/> a console password. If the answer is lost and the login profile exists now, the
    /// lost call made it: the same password is set again, so the caller knows the one in force.
    /// </summary>
    public static async Task CreateLoginProfileAsync(IIam iam, string userName, string password, bool passwordResetRequired, CancellationToken cancellationToken)
    {
        try
        {
            await iam.CreateLoginProfileAsync(userName, password, passwordResetRequired, cancellationToken).ConfigureAwait(false);
        }
        catch (IamOpsException lost) when (AnswerLost(lost))
        {
            LoginProfile? landed;
            try
            {
                landed = await IamLookup.FindAsync(() => iam.GetLoginProfileAsync(userName, cancellationToken)).ConfigureAwait(false);
            }
            catch (IamOpsException)
            {
                throw lost;
            }

            if (landed is null)
            {
                throw;
            }

            await iam.UpdateLoginProfileAsync(userName, password, passwordResetRequired, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No answer, or AWS failed while handling the call: it may have been applied. Throttling and refusals were not.</summary>
    private static bool AnswerLost(IamOpsException failure) =>
        failure.Kind is FailureKind.ConnectionError or FailureKind.OperationTimeout or FailureKind.ResourceUnavailable
        && failure.AwsErrorCode is not ("ConcurrentModification" or "EntityTemporarilyUnmodifiable");
}
