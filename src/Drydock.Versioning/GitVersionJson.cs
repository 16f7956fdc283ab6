using System.Text.Json;

namespace Drydock.Versioning;

/// <summary>Reads the variables GitVersion prints with '/output json'.</summary>
internal static class GitVersionJson
{
    /// <summary>Every variable but the commit date, which the caller looks up in git (GitVersion only prints the day).</summary>
    public static GitVersionResult Parse(string output)
    {
        // Only the JSON object: a build-server run may log lines around it.
        var start = output.IndexOf('{');
        var end = output.LastIndexOf('}');
        if (start < 0 || end < start)
            throw new VersioningException("GitVersion printed no JSON version variables:\n" + output);

        using var document = ParseDocument(output[start..(end + 1)]);
        var root = document.RootElement;
        return new GitVersionResult(
            SemVer: Text(root, "SemVer"),
            FullSemVer: Text(root, "FullSemVer"),
            Major: Number(root, "Major"),
            Minor: Number(root, "Minor"),
            Patch: Number(root, "Patch"),
            PreReleaseTag: Text(root, "PreReleaseTag"),
            Sha: Text(root, "Sha"),
            ShortSha: Text(root, "ShortSha"),
            CommitDate: default,
            BranchName: Text(root, "BranchName"),
            CommitsSinceVersionSource: Number(root, "CommitsSinceVersionSource"),
            InformationalVersion: Text(root, "InformationalVersion"),
            AssemblySemVer: Text(root, "AssemblySemVer"));
    }

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new VersioningException($"GitVersion's output is not valid JSON ({e.Message}):\n{json}");
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Null
            ? value.GetString() ?? string.Empty
            : throw Missing(name);

    private static int Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : throw Missing(name);

    private static VersioningException Missing(string name) =>
        new($"GitVersion's JSON output has no '{name}' variable; is the pinned GitVersion version the one Drydock was written for?");
}
