using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>Reads what <see cref="DriftDetector"/> compares on one engine: the serving container's image environment and filesystem changes.</summary>
public static class EngineDrift
{
    /// <summary>Whether what serves still matches its release (image, configuration, filesystem, history).</summary>
    public static async Task<DriftReport> ReadAsync(DockerCli docker, EnvironmentSnapshot snapshot, CancellationToken cancellationToken)
    {
        var (serving, last) = (snapshot.Serving?.Container, snapshot.LastSucceeded);
        if (serving is null)
            return last is null
                ? new DriftReport("-", [])
                : new DriftReport("-", [new DriftFinding(DriftKind.Release, "serving release", $"{last.Version} in {last.Container}", $"nothing serves {snapshot.Id.Name}")]);
        var image = await docker.InspectImageAsync(serving.ImageId, cancellationToken);
        var changes = await docker.DiffAsync(serving.Id, cancellationToken);
        return DriftDetector.Compare(serving, image?.Environment ?? [], changes, last, snapshot.Id);
    }
}
