using System.Management.Automation;
using IamOps.RoleAssume;

namespace IamOps.Cmdlets;

/// <summary>Gets an MFA session (STS GetSessionToken) for an IAM user and hands out or uses its credentials.</summary>
[Cmdlet(VerbsCommon.Get, "IamSessionToken")]
[OutputType(typeof(MfaSession))]
public sealed class GetIamSessionTokenCommand : TemporaryCredentialsCmdlet
{
    /// <summary>The MFA device's ARN; the profile's mfa_serial when not given.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("MfaSerialNumber")]
    public string? SerialNumber { get; set; }

    /// <summary>The 6 digits the device shows now; prompted for when not given.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? TokenCode { get; set; }

    [Parameter]
    public int? DurationSeconds { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var request = new MfaSessionRequest
            {
                SerialNumber = SerialNumber?.Trim(),
                TokenCode = TokenCode?.Trim(),
                DurationSeconds = DurationSeconds,
                NoCache = NoCache,
                Verify = Verify,
            };
            request = request.SerialNumber is null && ProfileMfaSerial() is { } serial ? request with { SerialNumber = serial } : request;
            MfaSessionIssuer.Check(request);
            CheckHandOver(ScriptBlock, SetEnvironment, SaveAsProfile);
            if (request.SerialNumber is null)
            {
                WriteWarning("No -SerialNumber and no mfa_serial in the profile: this session is made without MFA, so an account that requires MFA (IamOps-RequireMFA) still denies it, and it cannot call IAM at all.");
            }

            var session = Issue(request);
            Use(session, ScriptBlock, SetEnvironment, SaveAsProfile);
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }

    private MfaSession Issue(MfaSessionRequest request)
    {
        var issuer = MfaSessionIssuer.Through(Connection, SessionCache, ConnectAs, UsedCodes);
        return Await(token => issuer.IssueAsync(request, AskForTokenCode, WriteVerboseLater, token));
    }
}
