
namespace Drydock.Docker;

/// <summary><c>docker image ls</c> filtered by labels, one JSON object per line (DockerCli has no typed listing of images).</summary>
public sealed record DockerImageListSettings(IReadOnlyList<string> LabelFilters) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() =>
        ["image", "ls", .. LabelFilters.SelectMany(label => new[] { "--filter", "label=" + label }), "--format", "{{json .}}"];
}
