using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>What waiting for a service's tasks came to.</summary>
public sealed record Convergence(bool Reached, int Running, IReadOnlyList<string> Problems);

/// <summary>
/// Waits for a service's tasks (Swarm converges on its own time). A task with a health check is reported running only
/// once Docker's check passed (Swarm's executor holds it in "starting" until then, and adds it to the DNS only then), so
/// "N running" means N healthy tasks. Gives up early when more tasks failed than the service has replicas (Swarm keeps
/// replacing them: the release cannot start), or at the deadline.
/// </summary>
public sealed class ClusterConvergence(DockerCli manager, TimeProvider time, TimeSpan pollInterval)
{
    public async Task<Convergence> RunningAsync(string service, int wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var problems = (IReadOnlyList<string>)[];
        var running = 0;
        while (true)
        {
            var tasks = await manager.ServiceTasksAsync(new DockerServicePsSettings(service), cancellationToken);
            running = tasks.Count(t => t.IsRunning);
            var failed = tasks.Where(t => t.State is "failed" or "rejected").ToArray();
            problems = tasks.Where(t => t.Error.Length > 0 || t.State is "failed" or "rejected")
                .Select(t => $"{t.Name} on {(t.Node.Length > 0 ? t.Node : "no node")}: {t.CurrentState}{(t.Error.Length > 0 ? $" ({t.Error})" : string.Empty)}")
                .Distinct().Take(6).ToArray();
            if (running >= wanted)
                return new Convergence(true, running, problems);
            if (failed.Length > Math.Max(wanted, 1))
                return new Convergence(false, running, problems);
            if (time.GetElapsedTime(start) >= timeout)
            {
                var pending = tasks.Where(t => !t.IsRunning && t.DesiredState.Equals("running", StringComparison.OrdinalIgnoreCase))
                    .Select(t => $"{t.Name} on {(t.Node.Length > 0 ? t.Node : "no node")}: {t.CurrentState}");
                return new Convergence(false, running, [.. problems, .. pending]);
            }
            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }

    /// <summary>
    /// Until no task of <paramref name="service"/> runs any more (a retired release out of the DNS, drained and
    /// stopped), whatever its desired state; false at the deadline. Tasks on <paramref name="unreachable"/> nodes are
    /// not waited for: a node that is down reports nothing.
    /// </summary>
    public async Task<bool> StoppedAsync(string service, IReadOnlySet<string> unreachable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (true)
        {
            var tasks = await manager.ServiceTasksAsync(new DockerServicePsSettings(service), cancellationToken);
            if (!tasks.Any(t => t.State == "running" && !unreachable.Contains(t.Node)))
                return true;
            if (time.GetElapsedTime(start) >= timeout)
                return false;
            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }

    /// <summary>Until every available node runs a task of the global <paramref name="service"/>.</summary>
    public async Task<Convergence> OnEveryNodeAsync(string service, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var nodes = (await manager.NodesAsync(cancellationToken)).Count(n => n.IsAvailable);
        return await RunningAsync(service, nodes, timeout, cancellationToken);
    }
}
