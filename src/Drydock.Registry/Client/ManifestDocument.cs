using System.Text.Json;

namespace Drydock.Registry;

/// <summary>The parts of a manifest or index the client reads: the config digest, or the per-platform manifests.</summary>
internal sealed record ManifestDocument(string MediaType, string? ConfigDigest, IReadOnlyList<PlatformManifest> Manifests)
{
    public bool IsIndex => Manifests.Count > 0 || MediaType is ManifestMediaTypes.DockerManifestList or ManifestMediaTypes.OciIndex;

    public static ManifestDocument Parse(byte[] body, string? contentType)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var mediaType = root.TryGetProperty("mediaType", out var type) && type.GetString() is { } declared ? declared : contentType ?? string.Empty;
        var config = root.TryGetProperty("config", out var configElement) && configElement.TryGetProperty("digest", out var digest) ? digest.GetString() : null;
        var manifests = root.TryGetProperty("manifests", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(PlatformManifest.Parse).ToArray()
            : [];
        return new ManifestDocument(mediaType, config, manifests);
    }
}

internal sealed record PlatformManifest(string Digest, string? Os, string? Architecture)
{
    public static PlatformManifest Parse(JsonElement element)
    {
        var platform = element.TryGetProperty("platform", out var p) ? p : default;
        return new PlatformManifest(
            element.GetProperty("digest").GetString()!,
            platform.ValueKind == JsonValueKind.Object && platform.TryGetProperty("os", out var os) ? os.GetString() : null,
            platform.ValueKind == JsonValueKind.Object && platform.TryGetProperty("architecture", out var arch) ? arch.GetString() : null);
    }
}
