using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IamOps.RoleAssume;

/// <summary>
/// Fetches a job's OIDC ID token from the GitHub Actions runner: GET ACTIONS_ID_TOKEN_REQUEST_URL with
/// &amp;audience=..., the ACTIONS_ID_TOKEN_REQUEST_TOKEN as bearer, the token in the JSON answer's "value".
/// </summary>
public static class GitHubActionsToken
{
    public const string RequestUrlVariable = "ACTIONS_ID_TOKEN_REQUEST_URL";
    public const string RequestTokenVariable = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<WebIdentityToken> FetchAsync(Func<string, string?> environment, string? audience, CancellationToken cancellationToken, HttpMessageHandler? handler = null)
    {
        var url = environment(RequestUrlVariable);
        var bearer = environment(RequestTokenVariable);
        if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(bearer))
        {
            throw new IamOpsException("GitHubActionsTokenUnavailable", FailureKind.InvalidOperation,
                $"{RequestUrlVariable} and {RequestTokenVariable} are not set, so there is no GitHub Actions token to fetch. "
                + "Run this in a GitHub Actions job whose workflow grants 'permissions: id-token: write', or pass the token with -WebIdentityToken or -WebIdentityTokenFile.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var requestUri) || (requestUri.Scheme != Uri.UriSchemeHttps && requestUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new IamOpsException("GitHubActionsTokenUnavailable", FailureKind.InvalidData,
                $"{RequestUrlVariable} is not an http(s) URL, so the runner's token endpoint cannot be reached. Leave the variable as the runner sets it.");
        }

        var wanted = string.IsNullOrWhiteSpace(audience) ? "sts.amazonaws.com" : audience!.Trim();
        var separator = string.IsNullOrEmpty(requestUri.Query) ? "?" : "&";
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout;
        using var request = new HttpRequestMessage(HttpMethod.Get, url + separator + "audience=" + Uri.EscapeDataString(wanted));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        string body;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw RequestFailed($"the runner answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw RequestFailed(ex is TaskCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : ex.Message, ex);
        }

        string? value;
        try
        {
            using var json = JsonDocument.Parse(body);
            value = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("value", out var found) && found.ValueKind == JsonValueKind.String
                ? found.GetString()
                : null;
        }
        catch (JsonException ex)
        {
            throw RequestFailed("the answer is not JSON", ex);
        }

        return WebIdentityToken.Parse(value ?? throw RequestFailed("the answer has no \"value\" field", null), $"GitHub Actions (audience {wanted})");
    }

    private static IamOpsException RequestFailed(string why, Exception? inner) =>
        new("GitHubActionsTokenRequestFailed", FailureKind.ConnectionError,
            $"The GitHub Actions token request failed: {why}. Check that the workflow grants 'permissions: id-token: write' and that the job still runs (the request token expires with the job).", null, inner);
}
