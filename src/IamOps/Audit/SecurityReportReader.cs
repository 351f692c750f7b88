using IamOps.Aws;

namespace IamOps.Audit;

/// <summary>
/// Reads what the security review needs in two reads, whatever the account's size: the credential report (generated
/// when needed, step by step so the caller can show progress) and one GetAccountAuthorizationDetails (every page),
/// then reviews them.
/// </summary>
public sealed class SecurityReportReader
{
    private const AuthorizationDetailsFilter WhatTheChecksRead =
        AuthorizationDetailsFilter.User | AuthorizationDetailsFilter.Role | AuthorizationDetailsFilter.LocalManagedPolicy | AuthorizationDetailsFilter.AwsManagedPolicy;

    private readonly IIam _iam;
    private readonly SecurityReportRequest _request;
    private readonly Func<DateTime> _utcNow;
    private CredentialReportReader? _credentials;
    private CredentialReportStep? _credentialStep;

    /// <param name="utcNow">The account's time (the sandbox's, or the system clock for AWS).</param>
    public SecurityReportReader(IIam iam, SecurityReportRequest request, Func<DateTime> utcNow)
    {
        SecurityReportRequest.Validate(request);
        _iam = iam;
        _request = request;
        _utcNow = utcNow;
    }

    /// <summary>How long to wait between polls while IAM generates the credential report.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads to the end, reporting each waiting step's status.</summary>
    public async Task<SecurityReportStep> ReadAsync(IProgress<string>? progress, CancellationToken cancellationToken)
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

    /// <summary>One step: a credential report step, or (once it is read) the authorization details and the review.</summary>
    public async Task<SecurityReportStep> NextAsync(CancellationToken cancellationToken)
    {
        if (_credentialStep is not { IsDone: true })
        {
            _credentials ??= new CredentialReportReader(_iam, new CredentialReportRequest { MaxAge = _request.CredentialReportMaxAge }, _utcNow) { PollInterval = PollInterval };
            _credentialStep = await _credentials.NextAsync(cancellationToken).ConfigureAwait(false);
            return new SecurityReportStep(_credentialStep.IsDone ? "Reading the users' and roles' policies (GetAccountAuthorizationDetails)" : _credentialStep.Status);
        }

        var details = await _iam.GetAccountAuthorizationDetailsAsync(WhatTheChecksRead, cancellationToken).ConfigureAwait(false);
        var report = SecurityReview.Review(_credentialStep.Entries!, details, _request, _utcNow());
        return new SecurityReportStep("Done", report, _credentialStep.Warning);
    }
}
