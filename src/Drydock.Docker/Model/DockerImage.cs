namespace Drydock.Docker;

/// <summary>What <c>docker image inspect</c> says about one local image.</summary>
public sealed record DockerImage(
    string Id,
    IReadOnlyList<string> RepoTags,
    IReadOnlyList<string> RepoDigests,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset Created)
{
    /// <summary>The configured user (empty means root).</summary>
    public string User { get; init; } = string.Empty;

    public IReadOnlyList<string> Environment { get; init; } = [];
}
