using System.Text.Json;
using System.Text.Json.Serialization;

namespace Drydock.Release;

/// <summary>artifacts/image.json: what PushImage put in the registry, and all Deploy needs to run exactly that.</summary>
public sealed record PublishedImage(
    string ImageName,
    string Repository,
    IReadOnlyList<string> Tags,
    string Digest,
    string Version,
    string Commit,
    string Created)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>By digest, so what runs is exactly what was pushed.</summary>
    [JsonIgnore]
    public string Reference => $"{Repository}@{Digest}";

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Options));
    }

    public static PublishedImage Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist: run ./build.sh PushImage first (Deploy runs it for you).", path);
        return JsonSerializer.Deserialize<PublishedImage>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{path} is empty.");
    }
}
