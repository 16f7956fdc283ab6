using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Drydock.Engine.Output;

namespace Drydock.Registry;

/// <summary>
/// Reads tags from a registry over the HTTP API v2: whether a tag exists, its digest, and its image's labels
/// (so a release can compare <c>org.opencontainers.image.revision</c> before pushing or deploying).
/// </summary>
public sealed class RegistryClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly RegistryAuthenticator _authenticator;
    private readonly IBuildLog? _log;

    /// <param name="registry">As in image names (<c>127.0.0.1:5000</c>, <c>ghcr.io</c>) or a full base address.</param>
    public RegistryClient(HttpClient http, string registry, RegistryCredentials? credentials = null, IBuildLog? log = null)
    {
        _http = http;
        _baseAddress = RegistryEndpoint.ToBaseUri(registry);
        _authenticator = new RegistryAuthenticator(http, credentials);
        _log = log;
    }

    /// <summary>The tag's digest and config labels, or null when the repository or tag does not exist; <see cref="RegistryUnreachableException"/> when the registry does not answer.</summary>
    public async Task<RegistryTag?> GetTagAsync(string repository, string tag, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadTagAsync(repository, tag, cancellationToken);
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw new RegistryUnreachableException(_baseAddress.Authority, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnreachableException(_baseAddress.Authority, $"no answer within {_http.Timeout.TotalSeconds:0}s", e);
        }
    }

    private async Task<RegistryTag?> ReadTagAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        var scope = $"repository:{repository}:pull";
        var manifest = await GetManifestAsync(repository, tag, scope, cancellationToken);
        if (manifest is null)
        {
            _log?.Write(LogLevel.Debug, $"Registry {_baseAddress.Authority}: {repository}:{tag} is absent");
            return null;
        }

        var (digest, document) = manifest.Value;
        var imageDigest = digest;
        if (document.IsIndex)
        {
            var platform = document.Manifests.FirstOrDefault(m => m.Os == "linux" && m.Architecture == "amd64")
                ?? throw new RegistryException($"{repository}:{tag} is a multi-platform index without a linux/amd64 image.");
            imageDigest = platform.Digest;
            document = (await GetManifestAsync(repository, platform.Digest, scope, cancellationToken))?.Document
                ?? throw new RegistryException($"{repository}:{tag} names manifest {platform.Digest}, which the registry does not have.");
        }

        var configDigest = document.ConfigDigest ?? throw new RegistryException($"The manifest of {repository}:{tag} names no config blob.");
        var (labels, created) = await GetConfigAsync(repository, configDigest, scope, cancellationToken);
        _log?.Write(LogLevel.Debug, $"Registry {_baseAddress.Authority}: {repository}:{tag} is {digest}");
        return new RegistryTag(repository, tag, digest, document.MediaType, configDigest, labels)
        {
            ImageManifestDigest = imageDigest,
            Created = created,
        };
    }

    /// <summary>Whether a registry answers at all (200, or 401 asking for credentials).</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(_baseAddress, "v2/"), cancellationToken);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<(string Digest, ManifestDocument Document)?> GetManifestAsync(string repository, string reference, string scope, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress, $"v2/{repository}/manifests/{reference}");
        using var response = await _authenticator.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var mediaType in ManifestMediaTypes.All)
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
            return request;
        }, scope, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureSuccessAsync(response, cancellationToken);

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : Sha256Digest(body);
        return (digest, ManifestDocument.Parse(body, response.Content.Headers.ContentType?.MediaType));
    }

    private async Task<(IReadOnlyDictionary<string, string> Labels, DateTimeOffset? Created)> GetConfigAsync(
        string repository, string digest, string scope, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress, $"v2/{repository}/blobs/{digest}");
        using var response = await _authenticator.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), scope, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (digest.StartsWith("sha256:", StringComparison.Ordinal) && Sha256Digest(body) != digest)
            throw new RegistryException($"The config blob {digest} of {repository} does not match its digest.");

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var labels = new Dictionary<string, string>();
        if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("Labels", out var labelsElement) && labelsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labelsElement.EnumerateObject())
                labels[label.Name] = label.Value.GetString() ?? string.Empty;
        }
        DateTimeOffset? created = root.TryGetProperty("created", out var createdElement) && createdElement.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(createdElement.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
        return (labels, created);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new RegistryException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body[..Math.Min(body.Length, 300)]}");
    }

    private static string Sha256Digest(byte[] body) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
}
