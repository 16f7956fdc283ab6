using System.Net;

namespace Drydock.Registry;

/// <summary>Turns a registry as written in image names (<c>127.0.0.1:5000</c>, <c>ghcr.io</c>) into its API base address.</summary>
public static class RegistryEndpoint
{
    /// <summary>Loopback registries speak plain http (as docker allows for them); all others https. An explicit scheme wins.</summary>
    public static Uri ToBaseUri(string registry)
    {
        if (registry.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || registry.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return new Uri(registry.TrimEnd('/') + "/");
        var host = registry.Split(':')[0];
        var loopback = host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        return new Uri($"{(loopback ? "http" : "https")}://{registry}/");
    }
}
