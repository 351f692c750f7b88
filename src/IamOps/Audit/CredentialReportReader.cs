using IamOps.Aws;

namespace IamOps.Audit;

/// <summary>
/// Reads the account's credential report, generating it when it is missing, expired or older than the request allows,
/// and waiting (poll by poll, so the caller can show progress between them) while IAM generates it.
/// </summary>
public sealed class CredentialReportReader
{
    /// <summary>How many polls (one every <see cref="PollInterval"/>) to wait before giving up: 10 minutes.</summary>
    public const int MaxPolls = 300;

    private readonly IIam _iam;
    private readonly CredentialReportRequest _request;
    private readonly Func<DateTime> _utcNow;
    private Phase _phase = Phase.Read;
    private int _polls;

    /// <param name="utcNow">The account's time (the sandbox's, or the system clock for AWS): what a report's age is counted to.</param>
    public CredentialReportReader(IIam iam, CredentialReportRequest request, Func<DateTime> utcNow)
    {
        CredentialReportRequest.Validate(request);
        _iam = iam;
        _request = request;
        _utcNow = utcNow;
    }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    private enum Phase
    {
        Read,
        Generate,
        Wait,
    }

    /// <summary>Reads to the end, reporting each waiting step's status.</summary>
    public async Task<CredentialReportStep> ReadAsync(IProgress<string>? progress, CancellationToken cancellationToken)
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

    /// <summary>One step: a read, a generation request, or one poll after waiting <see cref="PollInterval"/>.</summary>
    public async Task<CredentialReportStep> NextAsync(CancellationToken cancellationToken)
    {
        switch (_phase)
        {
            case Phase.Read:
                if (_request.Refresh)
                {
                    _phase = Phase.Generate;
                    return new CredentialReportStep("Asking IAM for a new credential report (-Refresh)");
                }

                try
                {
                    var report = await _iam.GetCredentialReportAsync(cancellationToken).ConfigureAwait(false);
                    if (_utcNow() - report.GeneratedTime <= _request.MaxAge)
                    {
                        return Done(report, null);
                    }

                    _phase = Phase.Generate;
                    return new CredentialReportStep($"The credential report of {report.GeneratedTime:u} is older than {_request.MaxAge}; asking IAM for a new one");
                }
                catch (IamOpsException missing) when (missing.AwsErrorCode is "ReportNotPresent" or "ReportExpired")
                {
                    _phase = Phase.Generate;
                    return new CredentialReportStep(missing.AwsErrorCode == "ReportExpired" ? "The credential report has expired; asking IAM for a new one" : "There is no credential report yet; asking IAM for one");
                }
                catch (IamOpsException generating) when (generating.AwsErrorCode == "ReportInProgress")
                {
                    _phase = Phase.Wait;
                    return new CredentialReportStep("IAM is generating the credential report");
                }

            case Phase.Generate:
                return await GenerateAsync(cancellationToken).ConfigureAwait(false);

            default:
                if (++_polls > MaxPolls)
                {
                    throw new IamOpsException("CredentialReportTimeout", FailureKind.OperationTimeout,
                        $"IAM did not finish the credential report within {MaxPolls * PollInterval.TotalSeconds / 60:0} minutes. Run Get-IamCredentialReport again later: IAM keeps generating it.");
                }

                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                return await GenerateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CredentialReportStep> GenerateAsync(CancellationToken cancellationToken)
    {
        var state = await _iam.GenerateCredentialReportAsync(cancellationToken).ConfigureAwait(false);
        if (state != CredentialReportState.Complete)
        {
            _phase = Phase.Wait;
            return new CredentialReportStep(state == CredentialReportState.Started ? "IAM started generating the credential report"
                : _polls == 0 ? "IAM is generating the credential report" : $"IAM is generating the credential report (poll {_polls})");
        }

        var report = await _iam.GetCredentialReportAsync(cancellationToken).ConfigureAwait(false);
        var stale = _utcNow() - report.GeneratedTime > _request.MaxAge
            ? $"IAM kept its credential report of {report.GeneratedTime:u} (it makes at most one every 4 hours), which is older than -MaxAge {_request.MaxAge}."
            : null;
        return Done(report, stale);
    }

    private static CredentialReportStep Done(CredentialReport report, string? warning) =>
        new("Done", CredentialReportParser.Parse(report.Content, report.GeneratedTime), report.GeneratedTime, warning);
}
