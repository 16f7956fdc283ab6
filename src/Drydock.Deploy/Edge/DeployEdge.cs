using System.Diagnostics;
using Drydock.Docker;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The edge as the deploy code knows it, whichever container or service runs it (an environment's per-port edge, the
/// host-wide edge, the global swarm service: the caller names it): its image, built once per change to the edge's
/// sources; the engine objects it needs, created tolerating those that exist; its admin API over <c>docker exec</c>;
/// and the end of every switch, drain then stop. Holds no state.
/// </summary>
public sealed class DeployEdge(DockerCli docker, IBuildLog log, EdgeStrategyOptions options)
{
    public EdgeStrategyOptions Options => options;

    /// <summary>The edge image: the one <paramref name="running"/> was made from when that is today's edge sources (no lookup), else found or built.</summary>
    public async Task<string> ImageAsync(ContainerState? running, CancellationToken cancellationToken)
    {
        var source = new EdgeImageSource(options.RepositoryRoot);
        return (running is not null && options.BaseImage is null ? EdgeImage.RunningFromSources(running, source) : null)
            ?? await EdgeImage.EnsureAsync(docker, log, source, options.WorkDirectory ?? Path.Combine(options.RepositoryRoot, ".nuke", "temp"), options.BaseImage, cancellationToken);
    }

    /// <summary>
    /// Runs a <c>docker</c> create or connect that another run (or an earlier one) may have done already: "already exists"
    /// and "already in use" are success. Anything else fails naming <paramref name="what"/>, before anything was switched.
    /// </summary>
    /// <returns>Whether it was created now.</returns>
    public async Task<bool> EnsureExistsAsync(IDockerSettings settings, string what, CancellationToken cancellationToken)
    {
        var result = await docker.ExecuteAsync(settings, throwOnError: false, echoOutput: false, cancellationToken);
        if (result.Succeeded)
            return true;
        if (result.StandardError.Any(line => line.Contains("already exists", StringComparison.Ordinal) || line.Contains("is already in use", StringComparison.Ordinal)))
            return false;
        throw new DeployException($"Could not {what}: {result.Error}. Nothing was switched.");
    }

    /// <summary>The admin API of the edge in <paramref name="container"/>.</summary>
    public EdgeAdminClient Admin(string container) => EdgeAdminExec.Client(docker, container);

    /// <summary>An edge that answers, as the rest of the deploy uses it.</summary>
    public RunningEdge Running(string container, int publicPort, EdgeContainerAction action, string reason) => new(container, docker, publicPort, action, reason);

    /// <summary>Waits until the edge's admin API answers; throws naming its logs when it does not within the start timeout.</summary>
    public async Task WaitUntilAnswersAsync(string container, string consequence, CancellationToken cancellationToken)
    {
        using var admin = Admin(container);
        if (!await admin.WaitUntilHealthyAsync(options.StartTimeout, cancellationToken))
            throw new DeployException($"The edge {container} did not answer on its admin socket (docker exec {container} {EdgeAdminExec.EdgeBinary} admin health) within {options.StartTimeout.TotalSeconds:0}s; see docker logs {container}. {consequence}");
    }

    /// <summary>
    /// Carries out a <see cref="RetirePlan"/> after a switch: waits for each old upstream's in-flight requests (together
    /// bounded by the drain timeout), then stops the replaced containers with what is left of it as grace.
    /// </summary>
    /// <returns>The summary's tail, e.g. "; notes-local-1.0.0-ab12cd drained in 0.10s; stopped … (kept for rollback)".</returns>
    public static async Task<string> RetireAsync(DeployContext context, RetirePlan plan, TimeSpan drainTimeout, IReadOnlyList<EdgeDrain> drains)
    {
        if (plan.NothingToDo)
            return "";
        var clock = Stopwatch.StartNew();
        var summary = "";
        var followed = false;
        foreach (var drain in drains)
        {
            try
            {
                var result = await drain.WaitAsync(Deadline.Left(drainTimeout, clock.Elapsed, TimeSpan.Zero));
                followed = true;
                summary += result.Drained
                    ? $"; {drain.Label} drained in {result.Waited.TotalSeconds:0.00}s"
                    : $"; {drain.Label} still had {result.InFlight} request(s) in flight after {result.Waited.TotalSeconds:0}s";
            }
            catch (Exception e) when (e is HttpRequestException or EdgeAdminException or InvalidOperationException or TaskCanceledException)
            {
                context.Log.Write(LogLevel.Warning, $"Could not follow the drain of {drain.Upstream} at the edge ({e.Message}); stopping with SIGTERM and the drain timeout as grace");
            }
        }
        return summary + await RetiredContainers.StopAsync(context, plan.Stop, RetirePlan.Grace(drainTimeout, followed ? clock.Elapsed : null));
    }
}

/// <summary>One old upstream a switch left, to wait for: its name in the summary, and how its edge is asked (given the time left).</summary>
public sealed record EdgeDrain(string Label, string Upstream, Func<TimeSpan, Task<DrainResult>> WaitAsync);
