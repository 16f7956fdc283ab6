namespace Drydock.Deploy.Tests;

/// <summary>One container of <see cref="FakeDockerEngine"/>: what docker create was given, its state and its files.</summary>
internal sealed class FakeContainer(string id, string name, string image, Dictionary<string, string> labels)
{
    public string Id { get; } = id;

    public string Name { get; set; } = name;

    public string Image { get; } = image;

    public Dictionary<string, string> Labels { get; } = labels;

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    public bool Running { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>As given to --publish: ip:hostPort:containerPort.</summary>
    public string PortSpec { get; set; } = "";

    public int HostPort { get; set; }

    /// <summary>As given to --volume: name:/destination.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>Every option docker create was given, in order (flags with a null value; env-file lines as --env).</summary>
    public IReadOnlyList<(string Flag, string? Value)> Options { get; set; } = [];

    /// <summary>Files in the container (and its volumes) by absolute path, as docker cp reads and writes them.</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public string[] Values(string flag) => Options.Where(o => o.Flag == flag && o.Value is not null).Select(o => o.Value!).ToArray();
}
