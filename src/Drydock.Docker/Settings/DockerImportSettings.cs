namespace Drydock.Docker;

/// <summary>
/// <c>docker import</c> of a root filesystem tarball into a one-layer image. <see cref="Changes"/> are Dockerfile
/// instructions applied to the image config (docker accepts CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR…).
/// </summary>
public sealed record DockerImportSettings(string Tarball) : IDockerSettings
{
    public string? Reference { get; init; }

    public IReadOnlyList<string> Changes { get; init; } = [];

    public string? Message { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("import")
            .Repeated("--change", Changes)
            .Option("--message", Message)
            .Add(Tarball)
            .AddRange(Reference is null ? [] : [Reference])
            .ToList();
}
