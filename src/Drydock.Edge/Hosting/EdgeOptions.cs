using System.Globalization;
using System.Net;
using Drydock.Edge.Admin;

namespace Drydock.Edge.Hosting;

/// <summary>
/// How one edge runs. In a container everything comes from the environment (see <see cref="FromEnvironment"/>); tests
/// set loopback and port 0 directly.
/// </summary>
public sealed record EdgeOptions
{
    public const int DefaultPublicPort = 8080;
    public const int DefaultAdminPort = 9901;
    public const string DefaultStateDirectory = "/state";

    /// <summary>Where both listeners bind; null: every address (what a container needs for its published ports).</summary>
    public IPAddress? ListenAddress { get; init; }

    /// <summary>The environment's traffic; 0 picks a free port.</summary>
    public int PublicPort { get; init; } = DefaultPublicPort;

    /// <summary>The admin API; published on the host's loopback only; 0 picks a free port.</summary>
    public int AdminPort { get; init; } = DefaultAdminPort;

    /// <summary>The writable directory of <c>routes.json</c> (a volume in the container; the root filesystem is read-only).</summary>
    public string StateDirectory { get; init; } = DefaultStateDirectory;

    public AdminAccessPolicy AdminAccess { get; init; } = AdminAccessPolicy.Any;

    /// <summary>After SIGTERM, how long in-flight requests may take to finish before the edge exits anyway.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of the edge's own health check of a new upstream (<c>PUT /routes</c> with <c>healthPath</c>).</summary>
    public TimeSpan UpstreamHealthTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Stop on SIGTERM/SIGINT (the process); tests that host several edges turn it off.</summary>
    public bool HandleSignals { get; init; } = true;

    /// <summary>Replaces the default logging (one JSON object per line on stdout).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>
    /// <c>EDGE_PUBLIC_PORT</c> (8080), <c>EDGE_ADMIN_PORT</c> (9901), <c>EDGE_STATE_DIR</c> (/state),
    /// <c>EDGE_ADMIN_ALLOW</c> (host|any, default host), <c>EDGE_SHUTDOWN_TIMEOUT_SECONDS</c> (30).
    /// </summary>
    public static EdgeOptions FromEnvironment(Func<string, string?> environment) => new()
    {
        PublicPort = Port(environment, "EDGE_PUBLIC_PORT", DefaultPublicPort),
        AdminPort = Port(environment, "EDGE_ADMIN_PORT", DefaultAdminPort),
        StateDirectory = environment("EDGE_STATE_DIR") is { Length: > 0 } directory ? directory : DefaultStateDirectory,
        AdminAccess = AdminAccessPolicy.Parse(environment("EDGE_ADMIN_ALLOW"), () => DefaultGateways.Read()),
        ShutdownTimeout = TimeSpan.FromSeconds(Whole(environment, "EDGE_SHUTDOWN_TIMEOUT_SECONDS", 30)),
    };

    private static int Port(Func<string, string?> environment, string name, int fallback)
    {
        var port = Whole(environment, name, fallback);
        return port is >= 1 and <= 65535 ? port : throw new FormatException($"{name} must be a port (1-65535), not {port}.");
    }

    private static int Whole(Func<string, string?> environment, string name, int fallback)
    {
        var text = environment(name);
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} must be a whole number, not '{text}'.");
    }
}
