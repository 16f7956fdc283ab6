using System.Diagnostics;
using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Replaces a running edge container so its ports go unanswered as briefly as docker allows: everything that can be
/// done beside the old edge is done first (the successor created, and prepared, under a side name; both renamed), so
/// the gap is only the old edge's graceful stop (in-flight requests finish) and the successor's start. A port cannot
/// be held by two containers, so some gap is unavoidable; a successor that cannot start gives the port back.
/// </summary>
public sealed class EdgeReplacement(DockerCli docker, IBuildLog log)
{
    /// <param name="successor">The new edge's <c>docker run</c>, named as the running edge is.</param>
    /// <param name="prepare">Runs against the created, not yet started successor (by its side name), e.g. to copy a file in.</param>
    /// <returns>From the old edge's stop to the successor's start: the gap, less the new edge's own start-up.</returns>
    public async Task<TimeSpan> ReplaceAsync(DockerRunSettings successor, Func<string, Task>? prepare, CancellationToken cancellationToken)
    {
        var name = successor.Name ?? throw new ArgumentException("The successor edge needs its container name.", nameof(successor));
        var (next, replaced) = ($"{name}-next", $"{name}-replaced");
        // Leftovers of an interrupted replacement: a created successor never ran, a replaced edge was already stopped.
        await docker.ExecuteAsync(new DockerRmSettings([next, replaced]) { Force = true }, throwOnError: false, echoOutput: false, cancellationToken);
        await docker.ExecuteAsync(new DockerCreateSettings(successor with { Name = next }), echoOutput: false, cancellationToken: cancellationToken);
        if (prepare is not null)
            await prepare(next);
        await Rename(name, replaced);
        await Rename(next, name);
        var gap = Stopwatch.StartNew();
        await docker.StopAsync(new DockerStopSettings(replaced) { Timeout = successor.StopTimeout }, CancellationToken.None);
        var started = await docker.ExecuteAsync(new DockerStartSettings(name), throwOnError: false, echoOutput: false, CancellationToken.None);
        gap.Stop();
        if (!started.Succeeded)
        {
            await docker.ExecuteAsync(new DockerRmSettings(name) { Force = true }, throwOnError: false, echoOutput: false, CancellationToken.None);
            await Rename(replaced, name);
            await docker.ExecuteAsync(new DockerStartSettings(name), echoOutput: false, cancellationToken: CancellationToken.None);
            throw new DeployException($"The new edge {name} could not start ({started.Error}); the previous edge serves again under its name. Nothing was switched.");
        }
        await docker.ExecuteAsync(new DockerRmSettings(replaced) { Force = true }, throwOnError: false, echoOutput: false, CancellationToken.None);
        log.Write(LogLevel.Information, $"Edge {name} replaced: the old one stopped and the new one started in {gap.Elapsed.TotalSeconds:0.00}s");
        return gap.Elapsed;
    }

    // Not cancellable once the old edge is renamed: stopping half-way would leave the port's owner under a side name.
    private Task Rename(string from, string to) =>
        docker.ExecuteAsync(new DockerRenameSettings(from, to), echoOutput: false, cancellationToken: CancellationToken.None);
}
