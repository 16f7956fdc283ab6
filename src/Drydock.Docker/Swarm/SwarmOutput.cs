using System.Text.Json;

namespace Drydock.Docker;

/// <summary>Turns what the swarm commands print into records. Pure functions, tested against captured output.</summary>
public static class SwarmOutput
{
    public static IReadOnlyList<SwarmService> ParseServiceInspect(string json) =>
        Array(json).Select(service =>
        {
            var spec = service.Child("Spec");
            var container = spec?.Child("TaskTemplate")?.Child("ContainerSpec");
            var update = service.Child("UpdateStatus");
            return new SwarmService(service.String("ID") ?? string.Empty, spec?.String("Name") ?? string.Empty, container?.String("Image") ?? string.Empty)
            {
                Labels = spec?.StringMap("Labels") ?? new Dictionary<string, string>(),
                ContainerLabels = container?.StringMap("Labels") ?? new Dictionary<string, string>(),
                Environment = EnvironmentMap(container?.Strings("Env") ?? []),
                Replicas = spec?.Child("Mode")?.Child("Replicated") is { } replicated ? replicated.Int("Replicas") : null,
                EndpointMode = spec?.Child("EndpointSpec")?.String("Mode") ?? "vip",
                Constraints = spec?.Child("TaskTemplate")?.Child("Placement")?.Strings("Constraints") ?? [],
                UpdateState = update?.String("State"),
                UpdateMessage = update?.String("Message"),
            };
        }).ToArray();

    public static IReadOnlyList<SwarmTask> ParseServicePs(IEnumerable<string> lines) =>
        Lines(lines).Select(task => new SwarmTask(
            task.String("ID") ?? string.Empty,
            task.String("Name") ?? string.Empty,
            task.String("Image") ?? string.Empty,
            task.String("Node") ?? string.Empty,
            task.String("DesiredState") ?? string.Empty,
            task.String("CurrentState") ?? string.Empty)
        {
            // docker quotes the error inside the string: "\"task: non-zero exit (1)\"".
            Error = (task.String("Error") ?? string.Empty).Trim('"'),
        }).ToArray();

    public static IReadOnlyList<SwarmNode> ParseNodeInspect(string json) =>
        Array(json).Select(node =>
        {
            var spec = node.Child("Spec");
            var status = node.Child("Status");
            return new SwarmNode(
                node.String("ID") ?? string.Empty,
                node.Child("Description")?.String("Hostname") ?? string.Empty,
                spec?.String("Role") == "manager" ? SwarmRole.Manager : SwarmRole.Worker,
                status?.String("State") ?? "unknown",
                spec?.String("Availability") ?? "unknown")
            {
                Labels = spec?.StringMap("Labels") ?? new Dictionary<string, string>(),
                Address = status?.String("Addr") ?? string.Empty,
                IsLeader = node.Child("ManagerStatus")?.Bool("Leader") ?? false,
            };
        }).ToArray();

    /// <summary>The node IDs of <c>docker node ls --format '{{json .}}'</c>, to inspect them all in one call.</summary>
    public static IReadOnlyList<string> ParseNodeIds(IEnumerable<string> lines) =>
        Lines(lines).Select(n => n.String("ID") ?? string.Empty).Where(id => id.Length > 0).ToArray();

    private static Dictionary<string, string> EnvironmentMap(IReadOnlyList<string> entries) =>
        entries.Select(e => e.Split('=', 2)).GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Length > 1 ? g.Last()[1] : string.Empty, StringComparer.Ordinal);

    private static IReadOnlyList<JsonElement> Array(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray()
            : [];
    }

    private static IEnumerable<JsonElement> Lines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }
}
