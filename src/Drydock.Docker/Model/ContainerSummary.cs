namespace Drydock.Docker;

/// <summary>One line of <c>docker ps --format '{{json .}}'</c>.</summary>
public sealed record ContainerSummary(
    string Id,
    string Names,
    string Image,
    string State,
    string Status,
    IReadOnlyDictionary<string, string> Labels)
{
    public string Ports { get; init; } = string.Empty;

    public string CreatedAt { get; init; } = string.Empty;
}
