namespace IamOps.RoleAssume;

/// <summary>
/// STS's refusals of a web identity token or SAML assertion, each turned into its own error id with the fix: another
/// repository, another branch, a wrong audience, an expired token, no provider.
/// </summary>
public static class WebIdentityFailures
{
    public static IamOpsException Explain(IamOpsException failure, WebIdentityToken token, string roleArn, FederatedTrustReading? trust)
    {
        var host = HostOf(token.Issuer);
        switch (failure.AwsErrorCode)
        {
            case "ExpiredTokenException":
                return Wrap(failure, "WebIdentityTokenExpired", FailureKind.AuthenticationError,
                    $"The web identity token from {token.Source} (sub {token.Subject}) has expired{(token.Expires is { } at ? $" (at {at:u})" : string.Empty)}, so STS refused it. "
                    + "Request a fresh token right before assuming the role (CI tokens live minutes; -FromGitHubActions fetches a new one on each call).", roleArn);
            case "InvalidIdentityToken" when failure.Message.IndexOf("No OpenIDConnect provider", StringComparison.OrdinalIgnoreCase) >= 0:
                return Wrap(failure, "WebIdentityProviderNotFound", FailureKind.ObjectNotFound,
                    $"The account has no OIDC provider for the token's issuer {token.Issuer}. Create it first: Add-IamIdentityProvider -Url {token.Issuer} (or -GitHub, -GitLab, -AzureDevOps).", roleArn);
            case "InvalidIdentityToken" when failure.Message.IndexOf("audience", StringComparison.OrdinalIgnoreCase) >= 0:
                return Wrap(failure, "WebIdentityAudienceNotAccepted", FailureKind.AuthenticationError,
                    $"The token's audience '{token.Audience}' is not a client id of the OIDC provider for {token.Issuer}. Request the token for an audience the provider accepts "
                    + $"(sts.amazonaws.com for GitHub Actions: -Audience with -FromGitHubActions, 'audience:' in the workflow), or add it: Add-IamIdentityProvider -Url {token.Issuer} -ClientId '{token.Audience}'.", roleArn);
            case "InvalidIdentityToken":
                return Wrap(failure, "WebIdentityTokenInvalid", FailureKind.AuthenticationError,
                    $"STS refused the web identity token from {token.Source}: {failure.Message} Pass the ID token the issuer {token.Issuer} signed, unchanged.", roleArn);
            case "IDPRejectedClaim":
            case "IDPCommunicationError":
                return Wrap(failure, "WebIdentityTokenRejected", FailureKind.AuthenticationError,
                    $"The identity provider {token.Issuer} could not be verified or rejected the token: {failure.Message} Check the provider's URL and thumbprints (Add-IamIdentityProvider -Url {token.Issuer}).", roleArn);
            case "AccessDenied":
                return NotTrusted(failure, token, roleArn, trust, host);
            default:
                return failure;
        }
    }

    public static IamOpsException ExplainSaml(IamOpsException failure, SamlAssertion assertion, string roleArn, string principalArn) => failure.AwsErrorCode switch
    {
        "ExpiredTokenException" => Wrap(failure, "SamlAssertionExpired", FailureKind.AuthenticationError,
            $"The SAML assertion from {assertion.Issuer} has expired (its NotOnOrAfter has passed). Sign in to the identity provider again for a fresh assertion.", roleArn),
        "IDPRejectedClaim" or "InvalidIdentityToken" => Wrap(failure, "SamlAssertionRejected", FailureKind.AuthenticationError,
            $"STS rejected the SAML assertion from {assertion.Issuer}: {failure.Message} Check that the assertion's Role attribute names '{roleArn},{principalArn}' and that the provider's metadata is the identity provider's current one.", roleArn),
        "AccessDenied" => Wrap(failure, "SamlRoleNotTrusted", FailureKind.PermissionDenied,
            $"The trust policy of {roleArn} does not let in this SAML assertion from {principalArn}. Grant it: Grant-IamRoleAssume -RoleName {RoleName(roleArn)} -SamlProvider {principalArn}.", roleArn),
        _ => failure,
    };

    private static IamOpsException NotTrusted(IamOpsException failure, WebIdentityToken token, string roleArn, FederatedTrustReading? trust, string host)
    {
        var role = RoleName(roleArn);
        if (trust is { TrustsProvider: false })
        {
            return Wrap(failure, "WebIdentityProviderNotTrusted", FailureKind.PermissionDenied,
                $"The trust policy of {roleArn} does not name the OIDC provider {host}, so no token from {token.Issuer} gets in. Grant it, e.g. Grant-IamRoleAssume -RoleName {role} -OidcProvider {token.Issuer} -Subject '{token.Subject}'.", roleArn);
        }

        var source = FederatedTrustReading.SourcePart(token.Subject);
        var allowed = trust?.Subjects ?? Array.Empty<string>();
        var listed = allowed.Count == 0 ? string.Empty : $" It lets in: {string.Join(", ", allowed)}.";
        if (source is not null && trust is not null && allowed.Count > 0)
        {
            var what = source.StartsWith("repo:", StringComparison.Ordinal) ? "repository" : "project";
            var name = source.Substring(source.IndexOf(':') + 1);
            var sameSource = allowed.Any(a => FederatedTrustReading.SourcePart(a) is { } trusted && FederatedTrustReading.Like(trusted, source));
            if (!sameSource)
            {
                return Wrap(failure, what == "repository" ? "WebIdentityRepositoryNotTrusted" : "WebIdentityProjectNotTrusted", FailureKind.PermissionDenied,
                    $"The {what} {name} (token sub '{token.Subject}') is not trusted by {roleArn}.{listed} Run the pipeline from a trusted {what}, or grant this one: "
                    + (what == "repository" ? $"Grant-IamRoleAssume -RoleName {role} -GitHubRepository {name}" : $"Grant-IamRoleAssume -RoleName {role} -GitLabProject {name}") + ".", roleArn);
            }

            var branch = BranchOf(token.Subject!);
            if (branch is not null)
            {
                return Wrap(failure, "WebIdentityBranchNotTrusted", FailureKind.PermissionDenied,
                    $"The {what} {name} is trusted by {roleArn}, but not from branch '{branch}' (token sub '{token.Subject}').{listed} Deploy from a trusted branch, or grant this one: "
                    + (what == "repository" ? $"Grant-IamRoleAssume -RoleName {role} -GitHubRepository {name} -Branch {branch}" : $"Grant-IamRoleAssume -RoleName {role} -GitLabProject {name} -Branch {branch}") + ".", roleArn);
            }
        }

        return Wrap(failure, "WebIdentitySubjectNotTrusted", FailureKind.PermissionDenied,
            $"The trust policy of {roleArn} does not let in the token's subject '{token.Subject}' (audience '{token.Audience}') from {token.Issuer}.{listed} "
            + $"Grant it, e.g. Grant-IamRoleAssume -RoleName {role} -OidcProvider {token.Issuer} -Subject '{token.Subject}', or compare with the role's trust policy.", roleArn);
    }

    /// <summary>The branch a GitHub (ref:refs/heads/B) or GitLab (ref_type:branch:ref:B) subject names; null for other refs.</summary>
    private static string? BranchOf(string subject)
    {
        const string gitHub = ":ref:refs/heads/";
        const string gitLab = ":ref_type:branch:ref:";
        var at = subject.IndexOf(gitHub, StringComparison.Ordinal);
        if (at >= 0)
        {
            return subject.Substring(at + gitHub.Length);
        }

        at = subject.IndexOf(gitLab, StringComparison.Ordinal);
        return at >= 0 ? subject.Substring(at + gitLab.Length) : null;
    }

    internal static string HostOf(string? issuer) =>
        (issuer ?? string.Empty).StartsWith("https://", StringComparison.Ordinal) ? issuer!.Substring("https://".Length).TrimEnd('/') : issuer ?? string.Empty;

    private static string RoleName(string roleArn) => roleArn.Substring(roleArn.LastIndexOf('/') + 1);

    private static IamOpsException Wrap(IamOpsException failure, string errorId, FailureKind kind, string message, string target) =>
        new(errorId, kind, message, target, failure) { AwsErrorCode = failure.AwsErrorCode, RequestId = failure.RequestId, HttpStatus = failure.HttpStatus };
}
