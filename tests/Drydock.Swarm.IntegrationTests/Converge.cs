using Drydock.Docker;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>Polls the manager until the cluster reaches a state (swarm converges asynchronously), failing with what it last saw.</summary>
public static class Converge
{
    public static async Task<IReadOnlyList<SwarmTask>> RunningTasksAsync(DockerCli manager, string service, Func<IReadOnlyList<SwarmTask>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<SwarmTask> tasks = [];
        while (DateTime.UtcNow < deadline)
        {
            tasks = await manager.ServiceTasksAsync(new DockerServicePsSettings(service) { DesiredState = "running" });
            var running = tasks.Where(t => t.IsRunning).ToArray();
            if (done(running))
                return running;
            await Task.Delay(500);
        }
        throw new TimeoutException($"{service} did not converge within {timeout.TotalSeconds:F0} s; its tasks: {string.Join("; ", tasks.Select(t => $"{t.Name} on {t.Node}: {t.CurrentState} {t.Error}"))}");
    }

    public static async Task<IReadOnlyList<SwarmNode>> NodesAsync(DockerCli manager, Func<IReadOnlyList<SwarmNode>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<SwarmNode> nodes = [];
        while (DateTime.UtcNow < deadline)
        {
            nodes = await manager.NodesAsync();
            if (done(nodes))
                return nodes;
            await Task.Delay(500);
        }
        throw new TimeoutException($"The nodes did not reach the state within {timeout.TotalSeconds:F0} s: {string.Join("; ", nodes.Select(n => $"{n.Hostname} {n.Status}/{n.Availability}"))}");
    }
}
