using System.Text;

namespace Drydock.Edge.Client;

/// <summary>
/// The names an environment's edge gives on the engine. Sanitized exactly as Drydock.Deploy's ReleaseNames does (lower
/// case, anything outside <c>[a-z0-9_.-]</c> becomes '-'), so <c>notes</c>/<c>production</c> read the same everywhere.
/// </summary>
public static class EdgeNames
{
    /// <summary><c>drydock-edge-notes-production</c>.</summary>
    public static string Container(string app, string environment) => $"drydock-edge-{Sanitize(app)}-{Sanitize(environment)}";

    /// <summary><c>drydock-notes-production</c>: the private network of the environment's edge and releases.</summary>
    public static string Network(string app, string environment) => $"drydock-{Sanitize(app)}-{Sanitize(environment)}";

    /// <summary><c>drydock-edge-notes-production-state</c>: holds <c>routes.json</c> across restarts and re-creations of the edge.</summary>
    public static string StateVolume(string app, string environment) => $"drydock-edge-{Sanitize(app)}-{Sanitize(environment)}-state";

    public static string Sanitize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            var next = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.' or '-' ? c : '-';
            if (next == '-' && result.Length > 0 && result[^1] == '-')
                continue;
            result.Append(next);
        }
        var sanitized = result.ToString().Trim('-', '.', '_');
        return sanitized.Length > 0 ? sanitized : throw new ArgumentException($"'{text}' leaves nothing to name an edge with; use letters or digits.", nameof(text));
    }
}
