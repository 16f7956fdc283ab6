using System.Globalization;
using System.Text.Json;

namespace Drydock.Deploy;

/// <summary>Reads <c>docker container inspect</c> output into <see cref="ContainerState"/>; lenient, since absent and null mean the same.</summary>
public static class ContainerStateParser
{
    public static IReadOnlyList<ContainerState> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToArray() : [document.RootElement];
        return items.Select(ParseOne).ToArray();
    }

    private static ContainerState ParseOne(JsonElement c)
    {
        var config = Child(c, "Config");
        var state = Child(c, "State");
        var host = Child(c, "HostConfig");
        var health = state is { } s ? Child(s, "Health") : null;
        var healthLog = health is { } h && Child(h, "Log") is { ValueKind: JsonValueKind.Array } log ? log.EnumerateArray().ToArray() : [];
        return new ContainerState(
            Str(c, "Id") ?? string.Empty,
            (Str(c, "Name") ?? string.Empty).TrimStart('/'),
            Str(c, "Image") ?? string.Empty,
            config is { } cfg ? Str(cfg, "Image") ?? string.Empty : string.Empty,
            config is { } cl ? Map(cl, "Labels") : new Dictionary<string, string>())
        {
            Status = state is { } st ? Str(st, "Status") ?? string.Empty : string.Empty,
            Running = state is { } sr && Child(sr, "Running") is { ValueKind: JsonValueKind.True },
            ExitCode = state is { } se ? (int)Long(se, "ExitCode") : 0,
            RestartCount = (int)Long(c, "RestartCount"),
            Created = Time(Str(c, "Created")),
            StartedAt = state is { } sa ? Time(Str(sa, "StartedAt")) : default,
            FinishedAt = state is { } sf ? Time(Str(sf, "FinishedAt")) : default,
            HealthStatus = health is { } hs ? Str(hs, "Status") : null,
            LastHealthOutput = healthLog.Length > 0 ? Str(healthLog[^1], "Output")?.Trim() : null,
            Env = config is { } ce ? Strings(ce, "Env") : [],
            User = config is { } cu ? Str(cu, "User") ?? string.Empty : string.Empty,
            MemoryBytes = host is { } hm ? Long(hm, "Memory") : 0,
            NanoCpus = host is { } hc ? Long(hc, "NanoCpus") : 0,
            PidsLimit = host is { } hp && Child(hp, "PidsLimit") is { ValueKind: JsonValueKind.Number } pids ? pids.GetInt64() : null,
            RestartPolicy = host is { } hr && Child(hr, "RestartPolicy") is { } policy ? Str(policy, "Name") ?? string.Empty : string.Empty,
            ReadOnlyRootFilesystem = host is { } ho && Child(ho, "ReadonlyRootfs") is { ValueKind: JsonValueKind.True },
            CapDrop = host is { } hd ? Strings(hd, "CapDrop") : [],
            SecurityOpt = host is { } hs2 ? Strings(hs2, "SecurityOpt") : [],
            PortBindings = host is { } hb ? Ports(Child(hb, "PortBindings")) : [],
            ActivePorts = Child(c, "NetworkSettings") is { } network ? Ports(Child(network, "Ports")) : [],
            Mounts = Child(c, "Mounts") is { ValueKind: JsonValueKind.Array } mounts
                ? mounts.EnumerateArray().Select(m => new ContainerMount(
                    Str(m, "Type") ?? string.Empty, Str(m, "Name"), Str(m, "Source") ?? string.Empty,
                    Str(m, "Destination") ?? string.Empty, Child(m, "RW") is { ValueKind: JsonValueKind.True })).ToArray()
                : [],
            TmpfsMounts = host is { } ht && Child(ht, "Tmpfs") is { ValueKind: JsonValueKind.Object } tmpfs
                ? tmpfs.EnumerateObject().Select(p => p.Name).ToArray()
                : [],
        };
    }

    private static IReadOnlyList<PublishedPort> Ports(JsonElement? ports) =>
        ports is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Array)
                .SelectMany(p => p.Value.EnumerateArray().Select(b => new PublishedPort(
                    p.Name,
                    Str(b, "HostIp") ?? string.Empty,
                    int.TryParse(Str(b, "HostPort"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 0)))
                .ToArray()
            : [];

    private static JsonElement? Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null ? child : null;

    private static string? Str(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } child ? child.GetString() : null;

    private static long Long(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.Number } child ? child.GetInt64() : 0;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : [];

    private static IReadOnlyDictionary<string, string> Map(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
            : new Dictionary<string, string>();

    // Docker prints nanoseconds; .NET reads at most seven fractional digits. "0001-01-01T00:00:00Z" means never.
    private static DateTimeOffset Time(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return default;
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsDigit(text[end]))
                end++;
            text = text[..Math.Min(end, dot + 8)] + text[end..];
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : default;
    }
}
