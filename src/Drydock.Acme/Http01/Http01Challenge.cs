using System.Text.RegularExpressions;

namespace Drydock.Acme;

/// <summary>
/// One HTTP-01 answer (RFC 8555 8.3): GET http://name/.well-known/acme-challenge/{Token} must return
/// <see cref="KeyAuthorization"/> (token '.' account key thumbprint) as the body.
/// </summary>
public sealed partial record Http01Challenge
{
    public const string PathPrefix = "/.well-known/acme-challenge/";

    public Http01Challenge(string token, string keyAuthorization)
    {
        // The token becomes a URL path segment (and maybe a file name): only base64url characters are allowed (8.1).
        if (!Token64().IsMatch(token))
            throw new ArgumentException($"The ACME server sent the challenge token '{token}', which is not base64url; refusing to serve it.", nameof(token));
        Token = token;
        KeyAuthorization = keyAuthorization;
    }

    public string Token { get; }

    public string KeyAuthorization { get; }

    public string Path => PathPrefix + Token;

    /// <summary>The token a request path asks for, or null when the path is not an ACME challenge path.</summary>
    public static string? TokenOf(string requestPath) =>
        requestPath.StartsWith(PathPrefix, StringComparison.Ordinal) && Token64().IsMatch(requestPath[PathPrefix.Length..])
            ? requestPath[PathPrefix.Length..]
            : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex Token64();
}

/// <summary>
/// The seam to whatever answers on port 80: the issuer publishes each token's key authorization before it asks the
/// CA to validate, and removes it afterwards, whether validation passed or not. The edge serves
/// <see cref="Http01Challenge.PathPrefix"/> from it.
/// </summary>
public interface IHttp01ChallengeResponder
{
    Task PublishAsync(Http01Challenge challenge, CancellationToken cancellationToken);

    Task RemoveAsync(string token, CancellationToken cancellationToken);
}
