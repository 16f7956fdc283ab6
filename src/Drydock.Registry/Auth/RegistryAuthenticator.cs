using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Drydock.Registry;

/// <summary>
/// Sends registry requests, answering a 401 challenge once: Basic with the credentials, or the Bearer token flow
/// (token from the challenge's realm, with the credentials when there are any). Authorization is cached per scope.
/// Credentials go only into Authorization headers; they are never logged or put into exception messages.
/// </summary>
internal sealed class RegistryAuthenticator(HttpClient http, RegistryCredentials? credentials)
{
    private readonly Dictionary<string, AuthenticationHeaderValue> _cache = new(StringComparer.Ordinal);

    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string scope, CancellationToken cancellationToken)
    {
        var request = createRequest();
        lock (_cache)
            request.Headers.Authorization = _cache.GetValueOrDefault(scope);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        var uri = request.RequestUri;
        response.Dispose();
        if (challenge is null)
            throw new RegistryAuthenticationException($"{uri} answered 401 without a WWW-Authenticate challenge.");

        var authorization = await AnswerAsync(AuthenticationChallenge.Parse(challenge.Scheme, challenge.Parameter), scope, uri, cancellationToken);
        lock (_cache)
            _cache[scope] = authorization;
        var retry = createRequest();
        retry.Headers.Authorization = authorization;
        response = await http.SendAsync(retry, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new RegistryAuthenticationException(
                $"{uri} refused the credentials" + (credentials is null ? " (none were given)." : $" of user '{credentials.Username}'."));
        }
        return response;
    }

    private async Task<AuthenticationHeaderValue> AnswerAsync(AuthenticationChallenge challenge, string scope, Uri? uri, CancellationToken cancellationToken)
    {
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return Basic() ?? throw new RegistryAuthenticationException($"{uri} requires a username and password (Basic authentication), and none were given.");
        if (challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return new AuthenticationHeaderValue("Bearer", await FetchTokenAsync(challenge, scope, cancellationToken));
        throw new RegistryAuthenticationException($"{uri} asks for the unsupported authentication scheme '{challenge.Scheme}'.");
    }

    private AuthenticationHeaderValue? Basic() => credentials?.BasicHeader();

    private async Task<string> FetchTokenAsync(AuthenticationChallenge challenge, string scope, CancellationToken cancellationToken)
    {
        if (challenge.Realm is null)
            throw new RegistryAuthenticationException("The registry's Bearer challenge names no realm to get a token from.");
        var query = new List<string>();
        if (challenge.Service is not null)
            query.Add("service=" + Uri.EscapeDataString(challenge.Service));
        query.Add("scope=" + Uri.EscapeDataString(challenge.Scope ?? scope));
        var separator = challenge.Realm.Contains('?') ? '&' : '?';
        using var request = new HttpRequestMessage(HttpMethod.Get, challenge.Realm + separator + string.Join('&', query));
        request.Headers.Authorization = Basic();
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new RegistryAuthenticationException(
                $"The token service {new Uri(challenge.Realm).GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}"
                + (credentials is null ? " (no credentials were given)." : $" for user '{credentials.Username}'."));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        foreach (var name in new[] { "token", "access_token" })
            if (body.RootElement.TryGetProperty(name, out var token) && token.GetString() is { Length: > 0 } value)
                return value;
        throw new RegistryAuthenticationException("The token service answered without a token.");
    }
}
