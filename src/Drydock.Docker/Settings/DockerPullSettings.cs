namespace Drydock.Docker;

/// <summary><c>docker pull</c> of one reference.</summary>
public sealed record DockerPullSettings(string Reference) : IDockerSettings
{
    public bool Quiet { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("pull").Flag("--quiet", Quiet).Add(Reference).ToList();
}
