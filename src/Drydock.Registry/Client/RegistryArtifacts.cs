using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Registry;

/// <summary>
/// Pushes a file next to an image as an OCI artifact: one blob, the empty config, a manifest whose <c>subject</c> is
/// the image (OCI 1.1 referrers) under the tag <c>sha256-&lt;hex&gt;.&lt;suffix&gt;</c>, so registries without the
/// referrers API find it by tag too (the convention cosign and oras use).
/// </summary>
public sealed class RegistryArtifacts(HttpClient http, string registry, RegistryCredentials? credentials = null)
{
    private const string EmptyConfigMediaType = "application/vnd.oci.empty.v1+json";
    private static readonly byte[] EmptyConfig = "{}"u8.ToArray();

    private readonly Uri _baseAddress = RegistryEndpoint.ToBaseUri(registry);
    private readonly RegistryAuthenticator _authenticator = new(http, credentials);

    /// <summary><c>sha256-ab12….sbom</c>: where the artifact of <paramref name="imageDigest"/> is tagged.</summary>
    public static string TagFor(string imageDigest, string suffix) => imageDigest.Replace(':', '-') + "." + suffix;

    /// <summary>Uploads <paramref name="content"/> as an artifact of the image <paramref name="imageDigest"/>; returns the artifact manifest's digest.</summary>
    public async Task<string> PushAsync(string repository, string imageDigest, string suffix, string artifactType, byte[] content, CancellationToken cancellationToken = default)
    {
        var scope = $"repository:{repository}:pull,push";
        var subject = await GetManifestAsync(repository, imageDigest, scope, cancellationToken)
            ?? throw new RegistryException($"{repository}@{imageDigest} is not in the registry: push the image before its {suffix}.");
        await UploadBlobAsync(repository, EmptyConfig, scope, cancellationToken);
        await UploadBlobAsync(repository, content, scope, cancellationToken);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["artifactType"] = artifactType,
            ["config"] = Descriptor(EmptyConfigMediaType, EmptyConfig),
            ["layers"] = new JsonArray(Descriptor(artifactType, content)),
            ["subject"] = new JsonObject { ["mediaType"] = subject.MediaType, ["digest"] = imageDigest, ["size"] = subject.Size },
        };
        var body = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var uri = new Uri(_baseAddress, $"v2/{repository}/manifests/{TagFor(imageDigest, suffix)}");
        using var response = await _authenticator.SendAsync(() => new HttpRequestMessage(HttpMethod.Put, uri)
        {
            Content = Content(body, "application/vnd.oci.image.manifest.v1+json"),
        }, scope, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return Digest(body);
    }

    /// <summary>The artifact's content for <paramref name="imageDigest"/>, or null when none was pushed.</summary>
    public async Task<byte[]?> GetAsync(string repository, string imageDigest, string suffix, CancellationToken cancellationToken = default)
    {
        var scope = $"repository:{repository}:pull";
        var uri = new Uri(_baseAddress, $"v2/{repository}/manifests/{TagFor(imageDigest, suffix)}");
        using var response = await _authenticator.SendAsync(() => Accepting(new HttpRequestMessage(HttpMethod.Get, uri)), scope, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureSuccessAsync(response, cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        var layer = document.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!;
        var blob = new Uri(_baseAddress, $"v2/{repository}/blobs/{layer}");
        using var content = await _authenticator.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, blob), scope, cancellationToken);
        await EnsureSuccessAsync(content, cancellationToken);
        var bytes = await content.Content.ReadAsByteArrayAsync(cancellationToken);
        return Digest(bytes) == layer ? bytes : throw new RegistryException($"The blob {layer} of {repository} does not match its digest.");
    }

    private async Task<(string MediaType, long Size)?> GetManifestAsync(string repository, string digest, string scope, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress, $"v2/{repository}/manifests/{digest}");
        using var response = await _authenticator.SendAsync(() => Accepting(new HttpRequestMessage(HttpMethod.Get, uri)), scope, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (response.Content.Headers.ContentType?.MediaType ?? ManifestMediaTypes.All[0], body.LongLength);
    }

    /// <summary>Monolithic upload (POST then PUT with the digest); a blob the registry has is skipped.</summary>
    private async Task UploadBlobAsync(string repository, byte[] content, string scope, CancellationToken cancellationToken)
    {
        var digest = Digest(content);
        var head = new Uri(_baseAddress, $"v2/{repository}/blobs/{digest}");
        using (var exists = await _authenticator.SendAsync(() => new HttpRequestMessage(HttpMethod.Head, head), scope, cancellationToken))
            if (exists.IsSuccessStatusCode)
                return;
        var start = new Uri(_baseAddress, $"v2/{repository}/blobs/uploads/");
        using var started = await _authenticator.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, start), scope, cancellationToken);
        await EnsureSuccessAsync(started, cancellationToken);
        var location = started.Headers.Location ?? throw new RegistryException($"POST {start} gave no upload location.");
        var upload = location.IsAbsoluteUri ? location : new Uri(_baseAddress, location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        var put = new Uri(upload + separator + "digest=" + Uri.EscapeDataString(digest));
        using var finished = await _authenticator.SendAsync(() => new HttpRequestMessage(HttpMethod.Put, put) { Content = Content(content, "application/octet-stream") }, scope, cancellationToken);
        await EnsureSuccessAsync(finished, cancellationToken);
    }

    private static HttpRequestMessage Accepting(HttpRequestMessage request)
    {
        foreach (var mediaType in ManifestMediaTypes.All)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        return request;
    }

    private static JsonObject Descriptor(string mediaType, byte[] content) =>
        new() { ["mediaType"] = mediaType, ["digest"] = Digest(content), ["size"] = content.LongLength };

    private static ByteArrayContent Content(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new RegistryException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body[..Math.Min(body.Length, 300)]}");
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
