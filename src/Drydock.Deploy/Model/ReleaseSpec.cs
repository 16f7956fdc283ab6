namespace Drydock.Deploy;

/// <summary>
/// Everything a release container is made from: the image by digest (what runs is exactly what was pushed), the
/// version and commit it was built from, and the environment configuration. Recorded in labels and history, so any
/// runner can recreate it.
/// </summary>
public sealed record ReleaseSpec(string App, string Environment, string Repository, string Digest, string Version)
{
    public string? Commit { get; init; }

    private readonly EnvironmentId? _id;

    /// <summary>The environment, with its names in the form the engine resolved (<see cref="EnvironmentNaming"/>) once that is set.</summary>
    public EnvironmentId Id
    {
        get => EnvironmentId.Of(App, Environment, _id);
        init => _id = value;
    }

    public EnvironmentConfig Config { get; init; } = new();

    /// <summary><c>registry/name@sha256:…</c>.</summary>
    public string ImageReference => $"{Repository}@{Digest}";

    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(App))
            problems.Add("the app name is empty");
        if (string.IsNullOrWhiteSpace(Environment))
            problems.Add("the environment name is empty");
        if (string.IsNullOrWhiteSpace(Repository) || Repository.Contains('@'))
            problems.Add($"'{Repository}' is not a repository (registry/name, without tag or digest)");
        if (!ImageDigest.IsValid(Digest))
            problems.Add($"'{Digest}' is not an image digest (sha256: and 64 hex digits)");
        if (string.IsNullOrWhiteSpace(Version))
            problems.Add("the version is empty");
        if (problems.Count > 0)
            throw new DeployException("Cannot deploy: " + string.Join("; ", problems) + ".");
        _ = Id;
        Config.Validate();
    }
}
