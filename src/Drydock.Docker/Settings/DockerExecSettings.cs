namespace Drydock.Docker;

/// <summary><c>docker exec</c> of a program inside a running container (no shell is implied: images may have none).</summary>
public sealed record DockerExecSettings(string Container, IReadOnlyList<string> Command) : IDockerSettings
{
    public string? User { get; init; }

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Keep stdin open (needed when the command reads <see cref="Drydock.Engine.Tooling.ToolCommand.StandardInput"/>).</summary>
    public bool Interactive { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("exec")
            .Flag("--interactive", Interactive)
            .Option("--user", User)
            .Option("--workdir", WorkingDirectory)
            .Pairs("--env", Environment)
            .Add(Container)
            .AddRange(Command)
            .ToList();
}
