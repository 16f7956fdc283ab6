namespace Drydock.Registry;

/// <summary>Turns a registry as written in image names (<c>127.0.0.1:5000</c>, <c>ghcr.io</c>) into its API base address.</summary>
public static class RegistryEndpoint
{
    /// <summary>Loopback registries are written http (<see cref="RegistryHttp"/> tries HTTPS first for them, as docker does); all others https. An explicit scheme wins.</summary>
    public static Uri ToBaseUri(string registry)
    {
        if (registry.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || registry.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return new Uri(registry.TrimEnd('/') + "/");
        return new Uri($"{(RegistryHttp.IsLoopback(registry.Split(':')[0]) ? "http" : "https")}://{registry}/");
    }
}
