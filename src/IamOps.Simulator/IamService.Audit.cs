using System.Text;
using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

// The credential report, as IAM makes it: generated on request (STARTED, INPROGRESS, then COMPLETE), at most one new
// report every 4 hours, kept as a snapshot of the moment it completed, and expired after 4 hours.
internal sealed partial class IamService
{
    /// <summary>The report's columns, in IAM's order.</summary>
    internal const string CredentialReportHeader =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
        + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
        + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private static readonly TimeSpan ReportLifetime = TimeSpan.FromHours(4);

    public CredentialReportState GenerateCredentialReport()
    {
        if (State.CredentialReportStarted is not null)
        {
            return CompletePendingReport() ? CredentialReportState.Complete : CredentialReportState.InProgress;
        }

        if (State.CredentialReportTime is { } time && Now - time < ReportLifetime)
        {
            return CredentialReportState.Complete;
        }

        State.CredentialReportStarted = Now;
        CompletePendingReport();
        return CredentialReportState.Started;
    }

    public CredentialReport GetCredentialReport()
    {
        if (State.CredentialReportStarted is not null && !CompletePendingReport())
        {
            throw new ServiceError("ReportInProgress", 404, "Credential report generation is in progress. Try again later.");
        }

        var time = State.CredentialReportTime;
        if (time is null || State.CredentialReportContent is null)
        {
            throw new ServiceError("ReportNotPresent", 410, "Credential report is not present. Use GenerateCredentialReport to generate a report.");
        }

        if (Now - time.Value >= ReportLifetime)
        {
            throw new ServiceError("ReportExpired", 410, "Credential report is expired. Use GenerateCredentialReport to generate a new report.");
        }

        return new CredentialReport { Content = State.CredentialReportContent, GeneratedTime = time.Value };
    }

    /// <summary>Completes the report in progress once its generation time has passed: a snapshot of the users as they are now.</summary>
    private bool CompletePendingReport()
    {
        var finished = State.CredentialReportStarted!.Value + _account.CredentialReportGenerationTime;
        if (Now < finished)
        {
            return false;
        }

        State.CredentialReportStarted = null;
        State.CredentialReportTime = finished;
        State.CredentialReportContent = CredentialReportCsv(finished);
        return true;
    }

    private string CredentialReportCsv(DateTime time)
    {
        var csv = new StringBuilder(CredentialReportHeader).Append('\n');
        var accountCreated = State.Users.Values.Select(u => u.CreateDate).DefaultIfEmpty(time).Min();
        csv.Append("<root_account>,arn:aws:iam::").Append(AccountId).Append(":root,").Append(Stamp(accountCreated))
            .Append(",not_supported,no_information,not_supported,not_supported,").Append(State.RootMfaActive ? "true" : "false");
        for (var i = 0; i < 2; i++)
        {
            // Root keys as the report shows them: created, never used (the sandbox never signs with them).
            var created = i < State.RootAccessKeysCreated.Count ? State.RootAccessKeysCreated[i] : (DateTime?)null;
            csv.Append(',').Append(created is null ? "false" : "true").Append(',').Append(created is { } c ? Stamp(c) : "N/A").Append(",N/A,N/A,N/A");
        }

        csv.Append(",false,N/A,false,N/A\n");
        foreach (var user in State.Users.Values.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase))
        {
            var profile = user.LoginProfile;
            csv.Append(user.Name).Append(',').Append(ToUser(user, full: false).Arn).Append(',').Append(Stamp(user.CreateDate)).Append(',')
                .Append(profile is null ? "false" : "true").Append(',')
                .Append(profile is null ? "N/A" : profile.PasswordLastUsed is { } used ? Stamp(used) : "no_information").Append(',')
                .Append(profile?.PasswordLastChanged is { } changed ? Stamp(changed) : "N/A").Append(',')
                .Append(profile is not null && State.PasswordPolicy?.MaxPasswordAge is { } age && profile.PasswordLastChanged is { } c ? Stamp(c.AddDays(age)) : "N/A").Append(',')
                .Append(user.MfaSerials.Count > 0 ? "true" : "false");
            var keys = user.AccessKeys.OrderBy(k => k.CreateDate).ToList();
            for (var i = 0; i < 2; i++)
            {
                var key = i < keys.Count ? keys[i] : null;
                csv.Append(',').Append(key is { Status: "Active" } ? "true" : "false")
                    .Append(',').Append(key is null ? "N/A" : Stamp(key.CreateDate))
                    .Append(',').Append(key?.LastUsedDate is { } last ? Stamp(last) : "N/A")
                    .Append(',').Append(key?.LastUsedDate is null ? "N/A" : key.LastUsedRegion ?? "N/A")
                    .Append(',').Append(key?.LastUsedDate is null ? "N/A" : key.LastUsedService ?? "N/A");
            }

            var certificates = user.SigningCertificates.OrderBy(k => k.CreateDate).ToList();
            for (var i = 0; i < 2; i++)
            {
                UserCredentialState? certificate = i < certificates.Count ? certificates[i] : null;
                csv.Append(',').Append(certificate is { Status: "Active" } ? "true" : "false")
                    .Append(',').Append(certificate is null ? "N/A" : Stamp(certificate.CreateDate));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }
}
