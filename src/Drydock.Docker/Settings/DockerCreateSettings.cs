namespace Drydock.Docker;

/// <summary>
/// <c>docker create</c>: the same options as <see cref="DockerRunSettings"/>, but the container is only created, not
/// started. A created container binds no port yet and never runs, which makes it useful as a prepared replacement,
/// as an atomic lock (names are unique) and as a holder of volumes for <c>docker cp</c>. The id is printed on stdout.
/// </summary>
public sealed record DockerCreateSettings(DockerRunSettings Container) : IDockerSettings
{
    // Everything after "run" applies to create as well; create has no --detach.
    public IReadOnlyDictionary<string, string?> ProcessEnvironment => Container.ProcessEnvironment;

    public IReadOnlyList<string> ToArguments() => ["create", .. (Container with { Detach = false }).ToArguments().Skip(1)];
}
