namespace Drydock.Deploy;

/// <summary>
/// One environment of one app, e.g. <c>notes</c>/<c>production</c>, and every name Drydock gives it on the engine, each
/// in docker's name charset (see <see cref="ReleaseNames.Sanitize"/>). Names are for people; what belongs to an
/// environment is decided by its labels (<see cref="ReleaseLabels"/>), never by parsing names. Two environments never
/// share a name (see <see cref="Slug"/>); identity is the pair, so equality ignores which form the names take.
/// </summary>
public sealed record EnvironmentId
{
    /// <summary>The environment a command targets when none is named.</summary>
    public const string DefaultName = "local";

    /// <exception cref="DeployException">The app or environment name is not its canonical spelling (<see cref="NameProblem"/>).</exception>
    public EnvironmentId(string app, string name = DefaultName)
        : this(app, name, legacyNames: false)
    {
    }

    private EnvironmentId(string app, string name, bool legacyNames)
    {
        if ((AppProblem(app) ?? NameProblem(name)) is { } problem)
            throw new DeployException(problem);
        App = app;
        Name = name;
        LegacyNames = legacyNames;
        Slug = legacyNames ? LegacySlug(app, name) : JointSlug(app, name);
    }

    /// <summary>
    /// Whether the names take the older form (<c>app-environment</c> for every pair), which an environment created
    /// before the joint form keeps so its volumes, and so its data, stay its own (<see cref="EnvironmentNaming"/>).
    /// </summary>
    public bool LegacyNames { get; }

    /// <summary>Whether the older form names anything differently, i.e. the app or the environment holds a '-' or a '/'.</summary>
    public bool HasLegacyForm => LegacySlug(App, Name) != JointSlug(App, Name);

    /// <summary>This environment with its names in the older form.</summary>
    public EnvironmentId WithLegacyNames() => new(App, Name, legacyNames: true);

    /// <summary>
    /// The environment of <paramref name="app"/>/<paramref name="name"/>: <paramref name="resolved"/> (its names in the
    /// form the engine has, <see cref="EnvironmentNaming"/>) while it is that pair, else the pair in the joint form.
    /// </summary>
    public static EnvironmentId Of(string app, string name, EnvironmentId? resolved) =>
        resolved is { } id && id.App == app && id.Name == name ? id : new(app, name);

    public bool Equals(EnvironmentId? other) => other is not null && App == other.App && Name == other.Name;

    public override int GetHashCode() => HashCode.Combine(App, Name);

    private static string LegacySlug(string app, string name) => $"{ReleaseNames.Sanitize(app)}-{ReleaseNames.Sanitize(name)}";

    /// <summary>
    /// Canonical parts hold no "--" and never start or end with '-', so "--" can join them unambiguously: the last "--"
    /// splits, and each earlier one was a '/'. A pair with no '-' or '/' keeps the one-dash form, which no other pair produces.
    /// </summary>
    private static string JointSlug(string app, string name) =>
        app.Contains('-') || app.Contains('/') || name.Contains('-')
            ? $"{app.Replace("/", "--", StringComparison.Ordinal)}--{name}"
            : $"{app}-{name}";

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

    /// <summary><c>notes-production</c>, <c>team--notes--eu-prod</c>: the part every name below shares.</summary>
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
