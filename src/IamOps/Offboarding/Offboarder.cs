using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Offboarding;

/// <summary>
/// Remove-IamDeveloper's capability. Users come in one at a time and are checked offline as they come (a bad name
/// fails alone; the same user twice is offboarded once); then every user is planned, asked about once, and applied
/// with bounded concurrency.
/// </summary>
public sealed class Offboarder
{
    private readonly List<OffboardingRequest> _requests = new();
    private readonly List<(OffboardingRequest Request, IamOpsException? Rejection)> _inputs = new();

    public IReadOnlyList<OffboardingRequest> Requests => _requests;

    /// <summary>Takes one user: its error when it is rejected, a note when it repeats an earlier one, else nothing.</summary>
    public (IamOpsException? Rejection, string? Note) Add(OffboardingRequest request)
    {
        try
        {
            OffboardingPlanner.Validate(request);
            if (_requests.Any(r => string.Equals(r.UserName, request.UserName, StringComparison.OrdinalIgnoreCase)))
            {
                // The same user twice is one offboarding: its result comes once.
                return (null, $"'{request.UserName}' appears more than once in the input; it is offboarded once.");
            }

            _requests.Add(request);
            _inputs.Add((request, null));
            return (null, null);
        }
        catch (IamOpsException invalid)
        {
            _inputs.Add((request, invalid));
            return (invalid, null);
        }
    }

    /// <summary>The results when no user passed the checks: every input Failed, nothing read or written.</summary>
    public IReadOnlyList<OffboardedUser> Rejected() => Report(string.Empty, Array.Empty<OffboardingOutcome>());

    /// <summary>Plans, asks about and applies every user that passed the checks; one result per input, in input order.</summary>
    public async Task<IReadOnlyList<OffboardedUser>> OffboardAsync(IAwsConnection connection, int throttleLimit, ApplyCallbacks callbacks, CancellationToken cancellationToken)
    {
        var account = await AccountContext.LoadAsync(connection, cancellationToken).ConfigureAwait(false);
        var batch = new OffboardingBatch(connection, throttleLimit, callbacks: callbacks);
        var planned = await batch.PlanAsync(_requests, cancellationToken).ConfigureAwait(false);
        var outcomes = await batch.ApplyAsync(planned, cancellationToken).ConfigureAwait(false);
        return Report(account.AccountId, outcomes);
    }

    /// <summary>A summary of the results for the verbose stream.</summary>
    public static string Summary(IReadOnlyList<OffboardedUser> users) =>
        "Developers: " + string.Join(", ", users.GroupBy(u => u.Result.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")) + ".";

    private IReadOnlyList<OffboardedUser> Report(string account, IReadOnlyList<OffboardingOutcome> outcomes)
    {
        var users = new List<OffboardedUser>();
        var next = 0;
        foreach (var (request, rejection) in _inputs)
        {
            if (rejection is not null)
            {
                users.Add(new OffboardedUser(OffboardingResult.From(account, request, null, Array.Empty<AppliedChange>(), rejection), null));
                continue;
            }

            var outcome = outcomes[next++];
            users.Add(new OffboardedUser(OffboardingResult.From(account, request, outcome.Plan, outcome.Applied, outcome.Failure), outcome.Failure));
        }

        return users;
    }
}
