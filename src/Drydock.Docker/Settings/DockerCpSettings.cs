namespace Drydock.Docker;

/// <summary>
/// <c>docker cp</c> between this machine and a container (<c>container:/path</c> on either side). Works on created
/// and stopped containers and on the volumes they mount; the client does the transfer, so it works with a remote
/// DOCKER_HOST too.
/// </summary>
public sealed record DockerCpSettings(string Source, string Destination) : IDockerSettings
{
    /// <summary><c>--archive</c>: keep the uid/gid of the source.</summary>
    public bool Archive { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("cp").Flag("--archive", Archive).Add(Source).Add(Destination).ToList();
}
