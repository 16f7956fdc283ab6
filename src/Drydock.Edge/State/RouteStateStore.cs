using System.Text.Json;
using Drydock.Edge.Contract;

namespace Drydock.Edge.State;

/// <summary>
/// The route table on disk (<c>/state/routes.json</c> on the edge's volume), so a restarted edge serves at once. Written
/// to a temporary file in the same directory, flushed, then renamed over the old one: a crash leaves the old file or
/// the new one, never half of either.
/// </summary>
public sealed class RouteStateStore(string directory)
{
    public const string FileName = "routes.json";

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    /// <summary>The saved state; null when nothing was saved yet. Throws <see cref="InvalidDataException"/> for a file that is not a route table.</summary>
    public RouteState? Load()
    {
        if (!File.Exists(Path))
            return null;
        RouteState? state;
        try
        {
            state = JsonSerializer.Deserialize<RouteState>(File.ReadAllBytes(Path), EdgeJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path} is not a route table: {e.Message}", e);
        }
        if (state is null || state.Format != RouteState.CurrentFormat)
            throw new InvalidDataException($"{Path} is not a route table of format {RouteState.CurrentFormat}.");
        if (state.Upstream is { } upstream && !Uri.TryCreate(upstream, UriKind.Absolute, out _))
            throw new InvalidDataException($"{Path} names an upstream that is not an absolute URL: '{upstream}'.");
        return state;
    }

    public void Save(RouteState state)
    {
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, state, EdgeJson.Options);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
