using IamOps.Aws;

namespace IamOps.LastAccessed;

/// <summary>
/// Reads Access Advisor's data for one entity: finds its ARN, asks IAM for a report job, and polls it (step by step,
/// so the caller can show progress between polls) until IAM completes it; then turns IAM's report into rows.
/// </summary>
public sealed class LastAccessedReader
{
    /// <summary>How many polls to wait (one every <see cref="PollInterval"/>) before giving up: 5 minutes at 2 s.</summary>
    public const int MaxPolls = 150;

    private readonly IIam _iam;
    private readonly LastAccessedRequest _request;
    private readonly Func<DateTime> _utcNow;
    private string? _arn;
    private string? _jobId;
    private int _polls;

    /// <param name="utcNow">The account's time (the sandbox's, or the system clock for AWS): what "the last N days" counts back from.</param>
    public LastAccessedReader(IIam iam, LastAccessedRequest request, Func<DateTime> utcNow)
    {
        LastAccessedRequest.Validate(request);
        _iam = iam;
        _request = request;
        _utcNow = utcNow;
    }

    /// <summary>The wait between polls of a job IAM has not finished.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How to wait (tests replace it, so they never sleep on the wall clock).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>Reads to the end, reporting each waiting step's status.</summary>
    public async Task<LastAccessedStep> ReadAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            var step = await NextAsync(cancellationToken).ConfigureAwait(false);
            if (step.IsDone)
            {
                return step;
            }

            progress?.Report(step.Status);
        }
    }

    /// <summary>One step: starting the job (after finding the entity), or one poll of it.</summary>
    public async Task<LastAccessedStep> NextAsync(CancellationToken cancellationToken)
    {
        if (_jobId is null)
        {
            _arn = _request.Arn ?? await ArnAsync(cancellationToken).ConfigureAwait(false);
            var granularity = _request.IncludeActions ? AccessAdvisorGranularity.ActionLevel : AccessAdvisorGranularity.ServiceLevel;
            try
            {
                _jobId = await _iam.GenerateServiceLastAccessedDetailsAsync(_arn, granularity, cancellationToken).ConfigureAwait(false);
            }
            catch (IamOpsException missing) when (missing.AwsErrorCode == "NoSuchEntity")
            {
                throw NotFound(missing);
            }

            return new LastAccessedStep($"Asked IAM for the last-accessed report of {_request.Describe()}");
        }

        if (_polls > 0)
        {
            if (_polls > MaxPolls)
            {
                throw new IamOpsException("LastAccessedTimeout", FailureKind.OperationTimeout,
                    $"IAM did not finish the last-accessed report of {_request.Describe()} within {MaxPolls} polls. Run the command again later.", _request.Name);
            }

            await Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        _polls++;
        var report = await _iam.GetServiceLastAccessedDetailsAsync(_jobId, cancellationToken).ConfigureAwait(false);
        switch (report.JobStatus)
        {
            case LastAccessedJobStatus.InProgress:
                return new LastAccessedStep($"IAM is preparing the last-accessed report of {_request.Describe()} (poll {_polls})");
            case LastAccessedJobStatus.Failed:
                throw new IamOpsException("LastAccessedJobFailed", FailureKind.InvalidOperation,
                    $"IAM could not make the last-accessed report of {_request.Describe()}: {report.ErrorCode}: {report.ErrorMessage} Check that it still exists, and run the command again.", _request.Name);
            default:
                return new LastAccessedStep("Done", report, Entries(report), _arn);
        }
    }

    private IReadOnlyList<LastAccessedEntry> Entries(ServiceLastAccessedReport report)
    {
        var now = _utcNow();
        var since = now.AddDays(-_request.Days);
        LastAccessedEntry Row(ServiceLastAccessed service, TrackedActionLastAccessed? action)
        {
            var last = action is null ? service.LastAuthenticated : action.LastAccessedTime;
            return new LastAccessedEntry
            {
                TargetName = _request.Name,
                TargetKind = _request.Kind,
                TargetArn = _arn!,
                Level = action is null ? LastAccessedLevel.Service : LastAccessedLevel.Action,
                ServiceNamespace = service.ServiceNamespace,
                ServiceName = service.ServiceName,
                Action = action is null ? null : service.ServiceNamespace + ":" + action.ActionName,
                LastAuthenticated = last is { } time ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : null,
                LastAuthenticatedEntity = action is null ? service.LastAuthenticatedEntity : action.LastAccessedEntity,
                LastAuthenticatedRegion = action is null ? service.LastAuthenticatedRegion : action.LastAccessedRegion,
                TotalAuthenticatedEntities = action is null ? service.TotalAuthenticatedEntities : null,
                DaysSinceUse = last is { } used ? Math.Max(0, (int)Math.Floor((now - used).TotalDays)) : null,
                Days = _request.Days,
                UsedInDays = last is { } when && when >= since,
                ActionsTracked = service.TrackedActionsLastAccessed.Count > 0,
            };
        }

        var rows = new List<LastAccessedEntry>();
        foreach (var service in report.Services)
        {
            rows.Add(Row(service, null));
            if (_request.IncludeActions)
            {
                rows.AddRange(service.TrackedActionsLastAccessed.Select(a => Row(service, a)));
            }
        }

        return rows;
    }

    private async Task<string> ArnAsync(CancellationToken cancellationToken)
    {
        try
        {
            return _request.Kind switch
            {
                LastAccessedTargetKind.User => (await _iam.GetUserAsync(_request.Name, cancellationToken).ConfigureAwait(false)).Arn,
                LastAccessedTargetKind.Group => (await _iam.GetGroupAsync(_request.Name, cancellationToken).ConfigureAwait(false)).Arn,
                _ => (await _iam.GetRoleAsync(_request.Name, cancellationToken).ConfigureAwait(false)).Arn,
            };
        }
        catch (IamOpsException missing) when (missing.AwsErrorCode == "NoSuchEntity")
        {
            throw NotFound(missing);
        }
    }

    private IamOpsException NotFound(IamOpsException inner) =>
        new(_request.Kind + "NotFound", FailureKind.ObjectNotFound,
            $"The {_request.Describe()} does not exist in this account. Check the name{(_request.Kind == LastAccessedTargetKind.Policy ? " and the ARN's account" : string.Empty)}.", _request.Arn ?? _request.Name, inner)
        {
            AwsErrorCode = inner.AwsErrorCode,
            RequestId = inner.RequestId,
        };
}
