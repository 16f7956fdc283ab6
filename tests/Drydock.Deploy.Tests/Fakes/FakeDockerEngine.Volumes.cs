using System.Text.Json;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy.Tests;

/// <summary>The fake's named volumes: <c>docker volume create --label</c> and <c>ls</c> with docker's label and name filters.</summary>
internal sealed partial class FakeDockerEngine
{
    /// <summary>Name → labels of every volume created or added.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string>> Volumes { get; } = [];

    public void AddVolume(string name, IReadOnlyDictionary<string, string> labels) => Volumes[name] = labels;

    private ToolResult CreateVolume(IReadOnlyList<string> a)
    {
        var labels = new Dictionary<string, string>();
        for (var i = 2; i < a.Count - 1; i++)
            if (a[i] == "--label" && a[++i].Split('=', 2) is [var key, var value])
                labels[key] = value;
        Volumes.TryAdd(a[^1], labels);
        return Ok(a[^1]);
    }

    private ToolResult ListVolumes(IReadOnlyList<string> a)
    {
        var filters = a.Select((x, i) => (x, i)).Where(p => p.x == "--filter").Select(p => a[p.i + 1]).ToList();
        bool Matches(string name, IReadOnlyDictionary<string, string> labels) => filters.All(f => f.Split('=', 3) switch
        {
            ["name", var part] => name.Contains(part, StringComparison.Ordinal),
            ["label", var key] => labels.ContainsKey(key),
            ["label", var key, var value] => labels.GetValueOrDefault(key) == value,
            _ => false,
        });
        return Ok([.. Volumes.Where(v => Matches(v.Key, v.Value)).Select(v => JsonSerializer.Serialize(new
        {
            Name = v.Key, Driver = "local", Labels = string.Join(',', v.Value.Select(l => $"{l.Key}={l.Value}")),
        }))]);
    }
}
