namespace IamOps.RoleAssume;

/// <summary>
/// What proves a federated sign-in: an OIDC token (given as text, read from a file or from the SDKs' environment, or
/// fetched from the GitHub Actions runner when the call is made) or a SAML assertion. Text and files are read and
/// checked when the proof is made, before any call.
/// </summary>
public sealed class FederatedProof
{
    private readonly WebIdentityToken? _token;
    private readonly SamlAssertion? _assertion;
    private readonly Func<CancellationToken, Task<WebIdentityToken>>? _fetch;

    private FederatedProof(WebIdentityToken? token, SamlAssertion? assertion, Func<CancellationToken, Task<WebIdentityToken>>? fetch)
    {
        _token = token;
        _assertion = assertion;
        _fetch = fetch;
    }

    public static FederatedProof Token(string text) => new(WebIdentityToken.Parse(text, "-WebIdentityToken"), null, null);

    /// <param name="path">A file system path (the cmdlet resolves PowerShell paths).</param>
    public static FederatedProof TokenFile(string path) => new(WebIdentityToken.FromFile(path, "-WebIdentityTokenFile"), null, null);

    public static FederatedProof FromEnvironment(WebIdentityEnvironment environment) =>
        new(WebIdentityToken.FromFile(environment.TokenFile, WebIdentityEnvironment.TokenFileVariable), null, null);

    public static FederatedProof GitHubActions(Func<string, string?> environment, string? audience) =>
        new(null, null, cancel => GitHubActionsToken.FetchAsync(environment, audience, cancel));

    public static FederatedProof Saml(string base64) => new(null, SamlAssertion.Parse(base64), null);

    /// <summary>AssumeRoleWithSAML for an assertion, else AssumeRoleWithWebIdentity with the token (fetched now if it comes from the runner).</summary>
    public async Task<RoleSession> AssumeAsync(WebIdentityAssumption assumption, WebIdentityRequest request, Action<string> verbose, CancellationToken cancellationToken)
    {
        if (_assertion is not null)
        {
            verbose($"Assuming {request.RoleArn} with the {_assertion}.");
            return await assumption.AssumeAsync(request, _assertion, cancellationToken).ConfigureAwait(false);
        }

        var token = _token ?? await _fetch!(cancellationToken).ConfigureAwait(false);
        verbose($"Assuming {request.RoleArn} with the {token}.");
        return await assumption.AssumeAsync(request, token, cancellationToken).ConfigureAwait(false);
    }
}
