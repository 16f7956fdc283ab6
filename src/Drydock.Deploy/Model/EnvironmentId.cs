namespace Drydock.Deploy;

/// <summary>
/// One environment of one app, e.g. <c>notes</c>/<c>production</c>, and every name Drydock gives it on the engine, each
/// in docker's name charset (see <see cref="ReleaseNames.Sanitize"/>). Names are for people; what belongs to an
/// environment is decided by its labels (<see cref="ReleaseLabels"/>), never by parsing names.
/// </summary>
public sealed record EnvironmentId
{
    /// <summary>The environment a command targets when none is named.</summary>
    public const string DefaultName = "local";

    /// <exception cref="DeployException">The app or environment name is not its canonical spelling (<see cref="NameProblem"/>).</exception>
    public EnvironmentId(string app, string name = DefaultName)
    {
        if ((AppProblem(app) ?? NameProblem(name)) is { } problem)
            throw new DeployException(problem);
        App = app;
        Name = name;
        Slug = $"{ReleaseNames.Sanitize(app)}-{ReleaseNames.Sanitize(name)}";
    }

    /// <summary>
    /// Why an environment name is refused; null when it is its own canonical spelling (<see cref="ReleaseNames.Sanitize"/>
    /// changes nothing). <c>Prod</c> and <c>prod</c> would otherwise share every engine name while their labels differ.
    /// </summary>
    public static string? NameProblem(string name) => Canonical(name) is var canonical && canonical == name
        ? null
        : canonical is null
            ? $"The environment name '{name}' has no letters or digits; use --environment with a name such as 'prod'. Nothing was changed."
            : $"The environment name '{name}' is not in canonical form (lower case letters, digits, '.', '_' and single '-' inside); use --environment {canonical}. Nothing was changed.";

    /// <summary>Why an app (image) name is refused; the '/' of a namespaced image name becomes '-' in engine names, like docker's.</summary>
    public static string? AppProblem(string app) => Canonical(app.Replace('/', '-')) is var canonical && canonical == app.Replace('/', '-')
        ? null
        : canonical is null
            ? $"The app name '{app}' has no letters or digits; use --image-name with a name such as 'notes'. Nothing was changed."
            : $"The app name '{app}' is not in canonical form (lower case letters, digits, '.', '_' and single '-' inside); use --image-name {canonical}. Nothing was changed.";

    private static string? Canonical(string text)
    {
        try
        {
            return ReleaseNames.Sanitize(text);
        }
        catch (DeployException)
        {
            return null;
        }
    }

    public string App { get; }

    public string Name { get; }

    /// <summary><c>notes-production</c>: the part every name below shares.</summary>
    private string Slug { get; }

    /// <summary>A created, never started container: docker refuses a second one with this name, atomically.</summary>
    public string LockContainer => $"drydock-lock-{Slug}";

    /// <summary>A created, never started container that mounts <see cref="StateVolume"/>, for <c>docker cp</c>.</summary>
    public string StateHolder => $"drydock-state-{Slug}";

    /// <summary>A created, never started container whose labels ask the running deploy's window to end (<see cref="WindowSignal"/>).</summary>
    public string WindowSignal => $"drydock-signal-{Slug}";

    /// <summary>Mounted at <see cref="ReleaseNames.DataMountPath"/> in every release.</summary>
    public string DataVolume => $"drydock-{Slug}-data";

    /// <summary>Holds the history.</summary>
    public string StateVolume => $"drydock-{Slug}-state";

    /// <summary>The private network of the environment's edge and releases.</summary>
    public string Network => $"drydock-{Slug}";

    /// <summary>The environment's edge, which holds its port.</summary>
    public string EdgeContainer => $"drydock-edge-{Slug}";

    /// <summary>Every named volume of the environment.</summary>
    public IReadOnlyList<string> Volumes => [DataVolume, StateVolume, EdgeStateVolume];

    /// <summary>A part every one of <see cref="Volumes"/> contains: one <c>docker volume ls --filter name=</c> finds them all (names then compared whole).</summary>
    public string VolumeNameFilter => Slug;

    /// <summary>Holds the edge's <c>routes.json</c> across restarts and re-creations of the edge.</summary>
    public string EdgeStateVolume => $"drydock-edge-{Slug}-state";

    /// <summary><c>notes-local-1.2.3-a1b2c3</c>: the release id keeps a redeploy of one version from colliding with the retained one.</summary>
    public string ReleaseContainer(string version, string releaseId) => $"{Slug}-{ReleaseNames.Sanitize(version)}-{releaseId}";

    /// <summary>The container started beside the serving one on a temporary port, to be verified before the swap.</summary>
    public string Candidate(string version, string releaseId) => ReleaseContainer(version, releaseId) + "-candidate";

    public override string ToString() => $"{App}/{Name}";
}
