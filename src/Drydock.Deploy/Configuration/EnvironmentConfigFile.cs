using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Deploy;

/// <summary>
/// Reads <c>.nuke/environments/&lt;env&gt;.json</c>. A missing file means the defaults; an unknown property is an error
/// (a typo should not silently deploy with a default). Example:
/// <code>
/// { "hostPort": 8080, "bind": "127.0.0.1", "healthPath": "/health/ready",
///   "env": { "Logging__LogLevel__Default": "Information" }, "secretEnv": [ "API_KEY" ],
///   "volumes": [ "notes-config:/config:ro" ], "memory": "512m", "cpus": "1.0",
///   "keepReleases": 5, "deployTimeout": "2m", "drainTimeout": "30s",
///   "healthCheck": { "interval": "2s", "startPeriod": "10s" },
///   "host": "ssh://deploy@server:22", "knownHosts": ".nuke/known_hosts" }
/// </code>
/// <c>host</c> and <c>knownHosts</c> say where the environment runs (<see cref="EnvironmentHost"/>), not what a release is.
/// </summary>
public static class EnvironmentConfigFile
{
    public static string PathFor(string rootDirectory, string environment) =>
        Path.Combine(rootDirectory, RelativePathFor(environment));

    /// <summary><c>.nuke/environments/&lt;env&gt;.json</c>, as messages name it.</summary>
    public static string RelativePathFor(string environment) => $".nuke/environments/{environment}.json";

    /// <summary>The environments that have a file, by name.</summary>
    public static IReadOnlyList<string> Names(string rootDirectory) =>
        Directory.Exists(Path.Combine(rootDirectory, ".nuke", "environments"))
            ? [.. Directory.GetFiles(Path.Combine(rootDirectory, ".nuke", "environments"), "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    public static EnvironmentConfig Load(string rootDirectory, string environment)
    {
        var path = PathFor(rootDirectory, environment);
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : new EnvironmentConfig();
    }

    public static EnvironmentConfig Parse(string json, string source = "environment config") => From(ParseObject(json, source), source);

    /// <summary>The release's keys of an already parsed file; the keys of the other records are left to them.</summary>
    public static EnvironmentConfig From(JsonObject file, string source)
    {
        var node = (JsonObject)file.DeepClone();
        foreach (var name in EnvironmentFileSchema.SeparateKeys)
            node.Remove(name);
        try
        {
            return node.Deserialize<EnvironmentConfig>(DeployJson.Strict)
                ?? throw new DeployException($"{source} is empty.");
        }
        catch (JsonException e)
        {
            throw new DeployException($"{source} is not a valid environment configuration: {e.Message}");
        }
    }

    /// <summary>What people may write beyond strict JSON: comments and trailing commas.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The file as a JSON object; anything else is a <see cref="DeployException"/> naming the file.</summary>
    public static JsonObject ParseObject(string json, string source)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new DeployException($"{source} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new DeployException($"{source} is not a valid environment configuration: {e.Message}");
        }
    }

    public static string Serialize(EnvironmentConfig config) => JsonSerializer.Serialize(config, DeployJson.Options);
}
