namespace Drydock.Deploy;

/// <summary>
/// Deploy <c>Repository@Digest</c> (exactly what was pushed) as <see cref="Version"/> to <see cref="Environment"/>.
/// <see cref="Config"/> is the environment's configuration (load it with <see cref="EnvironmentConfigFile"/> and add
/// parameters with <see cref="EnvironmentConfig.WithEnv"/> / <see cref="EnvironmentConfig.WithSecretEnv"/>).
/// </summary>
/// <param name="App">The service's name, e.g. <c>notes</c>: part of every container, volume and label.</param>
/// <param name="Repository">Where it was pushed, without tag: <c>127.0.0.1:5000/notes</c>.</param>
/// <param name="Digest">The pushed manifest digest: <c>sha256:…</c>.</param>
public sealed record DeployRequest(string App, string Repository, string Digest, string Version)
{
    public string? Commit { get; init; }

    public string Environment { get; init; } = EnvironmentId.DefaultName;

    public EnvironmentConfig Config { get; init; } = new();

    /// <summary>The companions the repository's Compose file declares; none when it has no such file.</summary>
    public CompanionSet Companions { get; init; } = CompanionSet.None;

    public ReleaseSpec ToSpec() => new(App, Environment, Repository, Digest, Version) { Commit = Commit, Config = Config };
}
