namespace Drydock.Deploy;

/// <summary>The URL the health probe GETs for a published port: never a container IP, only the host's published port.</summary>
public static class ProbeAddress
{
    public static Uri? For(EnvironmentConfig config, int hostPort, string bind)
    {
        if (config.HealthPath is null)
            return null;
        // A wildcard bind is reachable on loopback; a specific address is probed where it was bound; ProbeHost wins
        // when set to something else than loopback (a remote engine's host).
        var host = config.ProbeHost != "127.0.0.1" ? config.ProbeHost
            : bind is "" or "0.0.0.0" or "::" or "[::]" ? "127.0.0.1"
            : bind;
        if (host.Contains(':') && !host.StartsWith('['))
            host = $"[{host}]";
        return new Uri($"http://{host}:{hostPort}{config.HealthPath}");
    }
}
