using System.Text.Json.Nodes;

namespace Drydock.Deploy;

/// <summary>
/// Where an environment runs: <c>"host"</c> (<c>ssh://user@server:22</c>, a Docker context name; none: the local engine),
/// <c>"knownHosts"</c> (a known_hosts file, relative to the repository, for the host's key) and <c>"registry"</c> (the
/// registry its images are pushed to, <c>host:port</c>; none: the build's default) from
/// <c>.nuke/environments/&lt;env&gt;.json</c>. Kept apart from <see cref="EnvironmentConfig"/>: where a release runs and
/// where its image is kept are not part of what it is (the release is its digest), so they are neither recorded with
/// releases nor compared for drift.
/// </summary>
public sealed record EnvironmentHost(string? Host, string? KnownHostsFile, string? Registry = null)
{
    /// <summary>This record's keys of the environment file, as <see cref="EnvironmentSettingTable"/> declares them.</summary>
    public static IReadOnlyList<string> PropertyNames => EnvironmentSettingTable.KeysOf(SettingRecord.Host);

    public static EnvironmentHost Parse(string json, string source = "environment config") =>
        From(EnvironmentConfigFile.ParseObject(json, source), source);

    /// <summary>This record's keys of an already parsed file (knownHosts as written, not yet resolved against the repository).</summary>
    public static EnvironmentHost From(JsonObject node, string source) =>
        new(
            Text(node, "host", source, "ssh://deploy@server:22"),
            Text(node, "knownHosts", source, ".nuke/known_hosts"),
            Text(node, "registry", source, "registry.example.com:5000"));

    private static string? Text(JsonObject node, string name, string source, string example) =>
        node[name] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text.Trim().Length == 0 ? null : text.Trim(),
            _ => throw new DeployException($"{source}: \"{name}\" must be a string, e.g. \"{name}\": \"{example}\"."),
        };
}
