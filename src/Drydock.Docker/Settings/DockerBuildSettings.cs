namespace Drydock.Docker;

/// <summary><c>docker build</c>. The image id comes back through <c>--iidfile</c>, which both the legacy builder and BuildKit write.</summary>
public sealed record DockerBuildSettings(string Context) : IDockerSettings
{
    public string? File { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Visible in the image history and on the command line: never put a secret here.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Where docker writes the built image id; <see cref="DockerCli.BuildAsync"/> picks a temp file when null.</summary>
    public string? ImageIdFile { get; init; }

    public string? Target { get; init; }

    public bool Pull { get; init; }

    public bool NoCache { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("build")
            .Option("--file", File)
            .Repeated("--tag", Tags)
            .Pairs("--build-arg", BuildArgs)
            .Pairs("--label", Labels)
            .Option("--iidfile", ImageIdFile)
            .Option("--target", Target)
            .Flag("--pull", Pull)
            .Flag("--no-cache", NoCache)
            .Add(Context)
            .ToList();
}
