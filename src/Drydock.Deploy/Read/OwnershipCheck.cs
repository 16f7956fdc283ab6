using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>Reads what exists under an environment's engine names and refuses the run before anything is adopted (<see cref="NameOwnership"/>).</summary>
public static class OwnershipCheck
{
    /// <exception cref="DeployException">Something under these names belongs to another app or environment.</exception>
    public static async Task EnsureOwnAsync(EnvironmentContainers containers, EnvironmentId environment, CancellationToken cancellationToken)
    {
        var found = new List<NamedResource>();
        var names = new[] { environment.LockContainer, environment.StateHolder, environment.WindowSignal, environment.EdgeContainer };
        foreach (var container in await containers.InspectManyAsync(names, cancellationToken))
            found.Add(new NamedResource("container", container.Name.TrimStart('/'), container.Labels));
        var listed = await containers.Docker.ListVolumesAsync(new DockerVolumeLsSettings { NameFilter = environment.VolumeNameFilter }, cancellationToken);
        found.AddRange(listed.Where(v => environment.Volumes.Contains(v.Name)).Select(v => new NamedResource("volume", v.Name, v.Labels)));
        if (NameOwnership.Refusal(environment, found) is { } refusal)
            throw new DeployException(refusal);
    }
}
