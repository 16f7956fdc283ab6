using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>What to show when a container fails to become healthy: its last log lines and its last health check output.</summary>
public static class ContainerDiagnostics
{
    public const int LogLines = 20;

    public static async Task<string> DescribeAsync(DeployContext context, string container, HealthVerdict? verdict)
    {
        var lines = new List<string>();
        try
        {
            var state = await context.Containers.InspectAsync(container, CancellationToken.None);
            var health = state?.LastHealthOutput ?? verdict?.HealthOutput;
            if (health is { Length: > 0 })
                lines.Add($"Last health check of {container}: {health}");
            var logs = await context.Containers.LogTailAsync(container, LogLines, CancellationToken.None);
            lines.Add(logs.Count == 0 ? $"{container} wrote no log lines." : $"Last {logs.Count} log line(s) of {container}:");
            lines.AddRange(logs.Select(l => "  " + l));
        }
        catch (Exception e) when (e is DeployException or Drydock.Engine.Tooling.ToolFailedException)
        {
            lines.Add($"Could not read the logs of {container}: {e.Message}");
        }
        var text = string.Join('\n', lines);
        context.Log.Write(LogLevel.Error, text);
        return text;
    }
}
