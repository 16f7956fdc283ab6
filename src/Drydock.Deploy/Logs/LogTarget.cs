namespace Drydock.Deploy;

/// <summary>Whose logs <c>./build.sh Logs</c> shows, decided from the environment's containers as read. Pure.</summary>
public static class LogTarget
{
    /// <summary>
    /// The container to read: the edge (<paramref name="edge"/>), the newest release of <paramref name="version"/>, or the
    /// running release. Throws <see cref="DeployException"/> naming what exists when there is nothing to show.
    /// </summary>
    public static string Choose(EnvironmentId environment, IReadOnlyList<ContainerState> releases, string? version, bool edge)
    {
        if (edge)
            return environment.EdgeContainer;
        var versions = releases.Select(r => r.Labels.GetValueOrDefault(ReleaseLabels.Version)).OfType<string>().Distinct().ToList();
        if (version is not null)
            return releases.Where(r => r.Labels.GetValueOrDefault(ReleaseLabels.Version) == version).OrderByDescending(r => r.StartedAt).FirstOrDefault()?.Name
                ?? throw new DeployException($"{environment} keeps no release {version}. Retained: {(versions.Count == 0 ? "none" : string.Join(", ", versions))}; choose one with --release.");
        return releases.Where(r => r.Running).OrderByDescending(r => r.StartedAt).FirstOrDefault()?.Name
            ?? throw new DeployException(versions.Count == 0
                ? $"Nothing was ever deployed to {environment}: Deploy first."
                : $"No release of {environment} is running. Retained: {string.Join(", ", versions)}; show one with --release, or see Status.");
    }
}
