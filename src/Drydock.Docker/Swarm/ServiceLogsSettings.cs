using System.Globalization;

namespace Drydock.Docker;

/// <summary>
/// <c>docker service logs --raw --no-trunc --since 12s service</c>: every task's lines from every node, as the tasks
/// wrote them. <see cref="Since"/> is relative, so it is measured by the daemons' own clocks, not the caller's.
/// </summary>
public sealed record DockerServiceLogsSettings(string Service, TimeSpan Since) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() =>
        ["service", "logs", "--raw", "--no-trunc", "--since", ((int)Math.Ceiling(Since.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s", Service];
}
