using System.Globalization;
using System.Text.Json;

namespace Drydock.Deploy;

/// <summary>
/// The labels that make the engine the source of truth: which app and environment a container belongs to, its role,
/// and for releases everything needed to recreate it (digest, version, commit, recorded configuration). Pruning and
/// rollback filter by app and environment labels, so one environment never touches another's containers.
/// </summary>
public static class ReleaseLabels
{
    public const string Prefix = "dev.drydock.";

    public const string App = Prefix + "app";
    public const string Environment = Prefix + "environment";
    public const string Role = Prefix + "role";
    public const string Version = Prefix + "version";
    public const string Digest = Prefix + "digest";
    public const string Repository = Prefix + "repository";
    public const string Commit = Prefix + "commit";
    public const string ImageId = Prefix + "image-id";
    public const string ReleaseId = Prefix + "release-id";
    public const string DeployedAt = Prefix + "deployed-at";
    public const string DeployedBy = Prefix + "deployed-by";
    public const string Action = Prefix + "action";

    /// <summary><c>published</c> (the release holds the port) or <c>edge</c> (unpublished, behind the environment's edge); see <see cref="ReleasePlacement"/>.</summary>
    public const string Placement = Prefix + "placement";

    /// <summary>The environment configuration the release was created with, as JSON (secret names only, never values).</summary>
    public const string Config = Prefix + "config";

    /// <summary>The owner labels of a container or volume of this environment; <paramref name="role"/> as docker sees it (e.g. <c>edge</c>, <c>data</c>).</summary>
    public static IReadOnlyDictionary<string, string> Owner(EnvironmentId environment, string role) =>
        new Dictionary<string, string> { [App] = environment.App, [Environment] = environment.Name, [Role] = role };

    public static IReadOnlyDictionary<string, string> Owner(EnvironmentId environment, ContainerRole role) => Owner(environment, RoleName(role));

    /// <summary>Label filters for <c>docker ps</c>/<c>volume ls</c>: this app and environment, optionally one role.</summary>
    public static IReadOnlyList<string> Filter(EnvironmentId environment, ContainerRole? role = null) =>
        role is { } r
            ? [AppFilter(environment.App), $"{Environment}={environment.Name}", $"{Role}={RoleName(r)}"]
            : [AppFilter(environment.App), $"{Environment}={environment.Name}"];

    /// <summary>The label filter for everything of one app, whichever environment.</summary>
    public static string AppFilter(string app) => $"{App}={app}";

    public static IReadOnlyDictionary<string, string> ForRelease(ReleaseSpec spec, ReleaseStamp stamp, ContainerRole role)
    {
        var labels = new Dictionary<string, string>(Owner(spec.Id, role))
        {
            [Version] = spec.Version,
            [Digest] = spec.Digest,
            [Repository] = spec.Repository,
            [ImageId] = stamp.ImageId,
            [ReleaseId] = stamp.ReleaseId,
            [DeployedAt] = stamp.DeployedAt.ToString("O", CultureInfo.InvariantCulture),
            [DeployedBy] = stamp.DeployedBy,
            [Action] = stamp.Action.ToString().ToLowerInvariant(),
            [Config] = JsonSerializer.Serialize(spec.Config, DeployJson.Options),
        };
        if (spec.Commit is { Length: > 0 } commit)
            labels[Commit] = commit;
        return labels;
    }

    /// <summary>The release a container's labels describe; null when they are not a complete release record.</summary>
    public static RecordedRelease? Read(IReadOnlyDictionary<string, string> labels)
    {
        string? Get(string key) => labels.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
        if (Get(App) is not { } app || Get(Environment) is not { } environment || Get(Version) is not { } version
            || Get(Digest) is not { } digest || Get(Repository) is not { } repository)
            return null;
        EnvironmentConfig config;
        try
        {
            config = Get(Config) is { } json ? JsonSerializer.Deserialize<EnvironmentConfig>(json, DeployJson.Options) ?? new() : new();
        }
        catch (JsonException)
        {
            return null;
        }
        var spec = new ReleaseSpec(app, environment, repository, digest, version) { Commit = Get(Commit), Config = config };
        var deployedAt = DateTimeOffset.TryParse(Get(DeployedAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : default;
        var action = Enum.TryParse<ReleaseAction>(Get(Action), ignoreCase: true, out var parsed) ? parsed : ReleaseAction.Deploy;
        return new RecordedRelease(spec, new ReleaseStamp(Get(ReleaseId) ?? string.Empty, deployedAt, Get(DeployedBy) ?? string.Empty, action, Get(ImageId) ?? string.Empty));
    }

    public static string RoleName(ContainerRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Whether labels mark a container of this role (e.g. to split one listing of an environment by role).</summary>
    public static bool HasRole(IReadOnlyDictionary<string, string> labels, ContainerRole role) =>
        labels.TryGetValue(Role, out var value) && value == RoleName(role);
}
