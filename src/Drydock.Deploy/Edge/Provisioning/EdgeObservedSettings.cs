using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// For an edge made before it carried a settings label: what <c>docker inspect</c> shows of its exposure and its
/// settings, against the <c>docker run</c> this deploy asks for. Only what both name is compared (a setting a newer
/// Drydock added is not a change), and values are never shown: an ACME key may be among them.
/// </summary>
public static class EdgeObservedSettings
{
    /// <returns>What differs, for the refusal; null when nothing observable does.</returns>
    public static string? Difference(ContainerState existing, DockerRunSettings wanted)
    {
        var published = existing.PortBindings.Select(p => Address(p.HostIp, p.HostPort)).Order(StringComparer.Ordinal).ToList();
        var asked = wanted.Publish.Select(p => Address(p.HostIp, p.HostPort)).Order(StringComparer.Ordinal).ToList();
        // No bindings at all is an inspect that did not show them, not an edge that publishes nothing.
        if (published.Count > 0 && !published.SequenceEqual(asked))
            return $"it publishes {string.Join(", ", published)}, this deploy asks for {string.Join(", ", asked)}";
        var env = existing.Env.Select(e => e.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var changed = wanted.Environment.Where(e => env.TryGetValue(e.Key, out var now) && now != e.Value).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        return changed.Count == 0 ? null : $"its {string.Join(", ", changed)} differ from what this deploy asks for";
    }

    private static string Address(string hostIp, int port) => $"{(hostIp is "" ? "0.0.0.0" : hostIp)}:{port}";
}
