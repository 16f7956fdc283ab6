using System.Text.Json;
using Drydock.Acme;
using Drydock.Edge.Contract;

namespace Drydock.Edge.State;

/// <summary>
/// The route table on disk (<c>/state/routes.json</c> on the edge's volume), so a restarted edge serves at once. Written
/// durably (<see cref="DurableFile"/>): a crash leaves the old file or the new one, never half of either.
/// </summary>
public sealed class RouteStateStore(string directory)
{
    public const string FileName = "routes.json";

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    /// <summary>Signs this table's canary cookies with the key kept beside the routes, so a restart keeps every side.</summary>
    public Routing.CanarySeal CanarySeal { get; } = Routing.CanarySeal.InDirectory(directory);

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
        DurableFile.Write(Path, file => JsonSerializer.Serialize(file, state, EdgeJson.Options));
    }
}
