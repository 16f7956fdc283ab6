using Drydock.Edge.Contract;
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

    /// <summary>Turns a listener off: <c>EDGE_ADMIN_PORT=off</c> (no admin port at all), <c>EDGE_ADMIN_SOCKET=off</c>.</summary>
    public const string Off = EdgeEnvironment.Off;

    /// <summary>The admin socket's place under the state directory: in a directory only the edge's user may enter.</summary>
    public static string DefaultAdminSocket(string stateDirectory) => System.IO.Path.Combine(stateDirectory, "admin", "admin.sock");

    /// <summary>Where both listeners bind; null: every address (what a container needs for its published ports).</summary>
    public IPAddress? ListenAddress { get; init; }

    /// <summary>The environment's traffic; 0 picks a free port.</summary>
    public int PublicPort { get; init; } = DefaultPublicPort;

    /// <summary>The admin API over TCP; published on the host's loopback only; 0 picks a free port; null: no admin port.</summary>
    public int? AdminPort { get; init; } = DefaultAdminPort;

    /// <summary>
    /// The admin API on a unix domain socket, owner-only, for <c>docker exec &lt;edge&gt; /app/Drydock.Edge admin …</c>;
    /// null: none. At least one of it and <see cref="AdminPort"/> is needed.
    /// </summary>
    public string? AdminSocketPath { get; init; }

    /// <summary>The writable directory of <c>routes.json</c> (a volume in the container; the root filesystem is read-only).</summary>
    public string StateDirectory { get; init; } = DefaultStateDirectory;

    public AdminAccessPolicy AdminAccess { get; init; } = AdminAccessPolicy.Any;

    /// <summary>After SIGTERM, how long in-flight requests may take to finish before the edge exits anyway.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of the edge's own health check of a new upstream (<c>PUT /routes</c> with <c>healthPath</c>).</summary>
    public TimeSpan UpstreamHealthTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Stop on SIGTERM/SIGINT (the process); tests that host several edges turn it off.</summary>
    public bool HandleSignals { get; init; } = true;

    /// <summary>The HTTPS listener and certificates of a host-routing edge; null: none (see <see cref="Tls.HttpsOptions"/>).</summary>
    public Tls.HttpsOptions? Https { get; init; }

    /// <summary>Request body limit and timeouts of the public listeners.</summary>
    public PublicLimits Limits { get; init; } = new();

    /// <summary>
    /// The route an edge takes at start when it has none saved (<c>EDGE_ROUTE</c>, version <c>EDGE_ROUTE_VERSION</c>):
    /// a cluster's edges follow a name Swarm's DNS resolves to the active release's healthy tasks, so no admin call has
    /// to reach every node. Null: none (a one-host edge is told its route through the admin API).
    /// </summary>
    public Drydock.Edge.Contract.RouteChange? InitialRoute { get; init; }

    /// <summary>How upstream names are resolved and connected to; null: DNS (<see cref="Proxy.TaskAddressConnector.System"/>).</summary>
    public Proxy.TaskAddressConnector? Connector { get; init; }

    /// <summary>Replaces the default logging (one JSON object per line on stdout).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>
    /// <c>EDGE_PUBLIC_PORT</c> (8080), <c>EDGE_ADMIN_PORT</c> (9901 | off), <c>EDGE_STATE_DIR</c> (/state),
    /// <c>EDGE_ADMIN_SOCKET</c> (&lt;state&gt;/admin/admin.sock | off), <c>EDGE_ADMIN_ALLOW</c> (host|any, default host),
    /// <c>EDGE_SHUTDOWN_TIMEOUT_SECONDS</c> (30), <c>EDGE_ROUTE</c> and <c>EDGE_ROUTE_VERSION</c> (none).
    /// </summary>
    public static EdgeOptions FromEnvironment(Func<string, string?> environment)
    {
        var state = environment(EdgeEnvironment.StateDirectory) is { Length: > 0 } directory ? directory : DefaultStateDirectory;
        var options = new EdgeOptions
        {
            PublicPort = Port(environment, EdgeEnvironment.PublicPort, DefaultPublicPort),
            AdminPort = IsOff(environment(EdgeEnvironment.AdminPort)) ? null : Port(environment, EdgeEnvironment.AdminPort, DefaultAdminPort),
            StateDirectory = state,
            AdminSocketPath = AdminSocket(environment, state),
            AdminAccess = AdminAccessPolicy.Parse(environment(EdgeEnvironment.AdminAllow), () => DefaultGateways.Read()),
            ShutdownTimeout = TimeSpan.FromSeconds(Whole(environment, EdgeEnvironment.ShutdownTimeoutSeconds, 30)),
            Https = Tls.HttpsOptions.FromEnvironment(environment),
            Limits = PublicLimits.FromEnvironment(environment),
            InitialRoute = environment(EdgeEnvironment.Route) is { Length: > 0 } route
                ? Uri.TryCreate(route, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
                    ? new Drydock.Edge.Contract.RouteChange(address.GetLeftPart(UriPartial.Authority), environment(EdgeEnvironment.RouteVersion) is { Length: > 0 } v ? v : "initial")
                    : throw new FormatException($"{EdgeEnvironment.Route} must be an absolute http(s) URL such as http://notes-cluster-active:8080, not '{route}'.")
                : null,
        };
        if (options.AdminPort is null && options.AdminSocketPath is null)
            throw new FormatException($"{EdgeEnvironment.AdminPort} and {EdgeEnvironment.AdminSocket} are both off: the edge could not be told where to route. Leave one on.");
        return options;
    }

    /// <summary>Where the admin socket is (or would be) for this environment; null when it is turned off.</summary>
    public static string? AdminSocket(Func<string, string?> environment, string? stateDirectory = null)
    {
        var configured = environment(EdgeEnvironment.AdminSocket);
        if (IsOff(configured))
            return null;
        if (!string.IsNullOrWhiteSpace(configured))
            return System.IO.Path.IsPathFullyQualified(configured) ? configured : throw new FormatException($"{EdgeEnvironment.AdminSocket} must be an absolute path or '{Off}', not '{configured}'.");
        return DefaultAdminSocket(stateDirectory ?? (environment(EdgeEnvironment.StateDirectory) is { Length: > 0 } directory ? directory : DefaultStateDirectory));
    }

    private static bool IsOff(string? value) => string.Equals(value?.Trim(), Off, StringComparison.OrdinalIgnoreCase);

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
