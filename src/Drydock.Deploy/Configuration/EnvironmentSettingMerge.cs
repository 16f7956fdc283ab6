using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Deploy;

/// <summary>
/// Command line over file over default, for every key of <see cref="EnvironmentSettingTable"/> with a parameter: the
/// parameter's value is written into the file's JSON at its key before the records read it, so one deserialization (and
/// its checks) serves both. Keys whose parameter adds (<c>--env</c>, <c>--secret-env</c>) are merged by the record itself.
/// </summary>
public static class EnvironmentSettingMerge
{
    /// <summary>A copy of <paramref name="file"/> with each given parameter (by member name; null: not given) at its key.</summary>
    public static JsonObject Overlay(JsonObject file, Func<string, object?> parameter)
    {
        var merged = (JsonObject)file.DeepClone();
        foreach (var setting in EnvironmentSettingTable.All.Where(s => s.Parameter is not null && !s.Adds))
        {
            var value = parameter(setting.Parameter!) is { } given && !(given is Array { Length: 0 }) ? given : null;
            if (value is null && (setting.RunDefault is null || Read(merged, setting.Key) is not null))
                continue;
            Write(merged, setting.Key, JsonSerializer.SerializeToNode(value ?? setting.RunDefault, DeployJson.Options));
        }
        return merged;
    }

    private static JsonNode? Read(JsonObject file, string key)
    {
        JsonNode? node = file;
        foreach (var part in key.Split('.'))
            node = node is JsonObject parent ? parent[part] : null;
        return node;
    }

    private static void Write(JsonObject file, string key, JsonNode? value)
    {
        var parts = key.Split('.');
        var parent = file;
        foreach (var part in parts[..^1])
        {
            if (parent[part] is not JsonObject child)
                parent[part] = child = new JsonObject();
            parent = child;
        }
        parent[parts[^1]] = value;
    }
}
