using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>What to show when a container fails to become healthy: its last log lines and its last health check output.</summary>
public static class ContainerDiagnostics
{
    public const int LogLines = 20;

    /// <summary>
    /// Waits for the container's verdict (Docker's health check, and <paramref name="probe"/> when given) within the
    /// deploy timeout; when it is not healthy, throws the deploy failure with its diagnostics and what still serves.
    /// The caller removes the container.
    /// </summary>
    /// <param name="stillServing">The end of "It was removed; …", e.g. "notes-local-1.0.0-ab12cd still serves local".</param>
    public static async Task<HealthVerdict> RequireHealthyAsync(
        DeployContext context, string container, Uri? probe, ReleaseSpec spec, string stillServing, CancellationToken cancellationToken)
    {
        var verdict = await context.Health.WaitAsync(container, probe, spec.Config.DeployTimeout, cancellationToken);
        if (verdict.Healthy)
            return verdict;
        var diagnostics = await DescribeAsync(context, container, verdict);
        throw new DeployException($"{spec.Version} did not become healthy: {verdict.Reason}. It was removed; {stillServing}.\n{diagnostics}");
    }

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
