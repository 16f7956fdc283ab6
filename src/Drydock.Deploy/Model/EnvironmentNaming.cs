using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// Which form an environment's names take on an engine. Names in the older form (<c>app-environment</c>) let
/// <c>x</c>/<c>eu-prod</c> and <c>x-eu</c>/<c>prod</c> collide, so new environments get the joint form; one that already
/// has volumes of its own under the older names keeps them, since docker cannot rename a volume and its data lives there.
/// </summary>
public static class EnvironmentNaming
{
    /// <summary>
    /// The older form when a volume labelled as this environment's carries an older name and none carries a joint one;
    /// otherwise the joint form. Only labels decide ownership: a volume of another environment never moves anyone.
    /// </summary>
    /// <param name="ownVolumes">The names of the volumes whose labels name this environment.</param>
    public static EnvironmentId Choose(EnvironmentId environment, IReadOnlyCollection<string> ownVolumes)
    {
        if (!environment.HasLegacyForm)
            return environment;
        var joint = new EnvironmentId(environment.App, environment.Name);
        var legacy = environment.WithLegacyNames();
        return legacy.Volumes.Any(ownVolumes.Contains) && !joint.Volumes.Any(ownVolumes.Contains) ? legacy : joint;
    }

    /// <summary>Reads the environment's own volumes (one <c>docker volume ls</c>, skipped when both forms agree) and <see cref="Choose"/>s.</summary>
    public static async Task<EnvironmentId> ResolveAsync(DockerCli docker, EnvironmentId environment, CancellationToken cancellationToken)
    {
        if (!environment.HasLegacyForm)
            return environment;
        var own = await docker.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = ReleaseLabels.Filter(environment) }, cancellationToken);
        return Choose(environment, [.. own.Select(v => v.Name)]);
    }
}
