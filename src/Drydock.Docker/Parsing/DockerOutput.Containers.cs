using System.Globalization;
using System.Text.Json;

namespace Drydock.Docker;

public static partial class DockerOutput
{
    /// <summary>Reads <c>docker container inspect</c> output (an array, or one object) into <see cref="ContainerState"/>.</summary>
    public static IReadOnlyList<ContainerState> ParseContainerInspect(string json) =>
        ParseArray(json).Select(c =>
        {
            var config = c.Child("Config");
            var state = c.Child("State");
            var host = c.Child("HostConfig");
            var health = state?.Child("Health");
            var healthLog = health?.Child("Log") is { ValueKind: JsonValueKind.Array } log ? log.EnumerateArray().ToArray() : [];
            return new ContainerState(
                c.String("Id") ?? string.Empty,
                (c.String("Name") ?? string.Empty).TrimStart('/'),
                c.String("Image") ?? string.Empty,
                config?.String("Image") ?? string.Empty,
                config?.StringMap("Labels") ?? new Dictionary<string, string>())
            {
                Status = state?.String("Status") ?? string.Empty,
                Running = state?.Bool("Running") ?? false,
                ExitCode = state?.Int("ExitCode") ?? 0,
                RestartCount = c.Int("RestartCount"),
                Created = ParseTimestamp(c.String("Created")),
                StartedAt = ParseTimestamp(state?.String("StartedAt")),
                FinishedAt = ParseTimestamp(state?.String("FinishedAt")),
                HealthStatus = health?.String("Status"),
                LastHealthOutput = healthLog.Length > 0 ? healthLog[^1].String("Output")?.Trim() : null,
                Env = config?.Strings("Env") ?? [],
                User = config?.String("User") ?? string.Empty,
                MemoryBytes = host?.Long("Memory") ?? 0,
                NanoCpus = host?.Long("NanoCpus") ?? 0,
                PidsLimit = host?.Child("PidsLimit") is { ValueKind: JsonValueKind.Number } pids ? pids.GetInt64() : null,
                RestartPolicy = host?.Child("RestartPolicy")?.String("Name") ?? string.Empty,
                ReadOnlyRootFilesystem = host?.Bool("ReadonlyRootfs") ?? false,
                CapDrop = host?.Strings("CapDrop") ?? [],
                SecurityOpt = host?.Strings("SecurityOpt") ?? [],
                PortBindings = Ports(host?.Child("PortBindings")),
                ActivePorts = Ports(c.Child("NetworkSettings")?.Child("Ports")),
                Mounts = c.Child("Mounts") is { ValueKind: JsonValueKind.Array } mounts
                    ? mounts.EnumerateArray().Select(m => new ContainerMount(
                        m.String("Type") ?? string.Empty, m.String("Name"), m.String("Source") ?? string.Empty,
                        m.String("Destination") ?? string.Empty, m.Bool("RW"))).ToArray()
                    : [],
                TmpfsMounts = host?.Child("Tmpfs") is { ValueKind: JsonValueKind.Object } tmpfs ? tmpfs.EnumerateObject().Select(p => p.Name).ToArray() : [],
            };
        }).ToArray();

    /// <summary>Reads <c>docker port</c> output: <c>127.0.0.1:49153</c> (and <c>[::1]:49153</c> on IPv6), one binding per line.</summary>
    public static int? ParseHostPort(IEnumerable<string> lines)
    {
        foreach (var line in lines.Select(l => l.Trim()))
        {
            var colon = line.LastIndexOf(':');
            if (colon > 0 && int.TryParse(line[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
                return port;
        }
        return null;
    }

    /// <summary><c>{"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "18080"}], "9000/tcp": null}</c>: one entry per binding; port 0 means ephemeral.</summary>
    private static IReadOnlyList<PublishedPort> Ports(JsonElement? ports) =>
        ports is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Array)
                .SelectMany(p => p.Value.EnumerateArray().Select(b => new PublishedPort(
                    p.Name,
                    b.String("HostIp") ?? string.Empty,
                    int.TryParse(b.String("HostPort"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 0)))
                .ToArray()
            : [];
}
