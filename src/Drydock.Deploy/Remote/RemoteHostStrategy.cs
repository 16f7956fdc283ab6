using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// Which strategies work on a server reached over SSH. The replace strategy checks health on the release's published
/// port from the runner (127.0.0.1:port, see <see cref="ProbeAddress"/>): on a remote host that address is the
/// runner's own loopback, so the check would pass or fail for the wrong machine. The edge strategy checks health from
/// the edge, inside the host, and is the one that works there.
/// </summary>
public static class RemoteHostStrategy
{
    /// <summary>Why the strategy cannot run on this host, naming the fix; null when it can.</summary>
    public static string? Refusal(DockerHost host, DeployStrategyKind strategy, string environment) =>
        host is DockerHost.Ssh ssh && strategy == DeployStrategyKind.Replace
            ? $"The replace strategy cannot deploy {environment} to {ssh}: it checks health on the release's published port from the runner "
              + $"(127.0.0.1), which is not the host. Use the edge strategy, which checks health inside the host: \"strategy\": \"edge\" in "
              + $".nuke/environments/{environment}.json, or --strategy edge. Nothing was changed on {ssh}."
            : null;
}
