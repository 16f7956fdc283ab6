namespace Drydock.Docker;

/// <summary>One line of <c>docker volume ls --format '{{json .}}'</c>.</summary>
public sealed record VolumeSummary(string Name, string Driver, IReadOnlyDictionary<string, string> Labels);
