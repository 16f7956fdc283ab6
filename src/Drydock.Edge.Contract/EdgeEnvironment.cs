namespace Drydock.Edge.Contract;

/// <summary>
/// The environment variables an edge container is configured with: the edge reads them at start, the deploy code sets
/// them. The edge reads no container labels (those are the deploy side's bookkeeping), so these names are the whole of
/// its start-up contract.
/// </summary>
public static class EdgeEnvironment
{
    /// <summary>The word that turns a listener off (<c>EDGE_ADMIN_PORT=off</c>, <c>EDGE_ADMIN_SOCKET=off</c>, <c>EDGE_HTTPS_PORT=off</c>).</summary>
    public const string Off = "off";

    /// <summary>The public HTTP listener's port (default 8080).</summary>
    public const string PublicPort = "EDGE_PUBLIC_PORT";

    /// <summary>The admin API over TCP (default 9901); deploys set it to <see cref="Off"/> and use the socket through docker exec.</summary>
    public const string AdminPort = "EDGE_ADMIN_PORT";

    /// <summary>The directory of the route state (a volume; default /state).</summary>
    public const string StateDirectory = "EDGE_STATE_DIR";

    /// <summary>The admin unix socket, owner-only (default &lt;state&gt;/admin/admin.sock; <see cref="Off"/>: none).</summary>
    public const string AdminSocket = "EDGE_ADMIN_SOCKET";

    /// <summary>Who may use the admin port: <c>host</c> (loopback and the Docker gateway, the default) or <c>any</c>.</summary>
    public const string AdminAllow = "EDGE_ADMIN_ALLOW";

    /// <summary>Seconds in-flight requests get after SIGTERM (default 30).</summary>
    public const string ShutdownTimeoutSeconds = "EDGE_SHUTDOWN_TIMEOUT_SECONDS";

    /// <summary>The route taken at start when none is saved: an absolute http(s) URL (a cluster edge's Swarm alias).</summary>
    public const string Route = "EDGE_ROUTE";

    /// <summary>The version reported for <see cref="Route"/> (default <c>initial</c>).</summary>
    public const string RouteVersion = "EDGE_ROUTE_VERSION";

    /// <summary>The HTTPS listener's port inside the container (unset or <see cref="Off"/>: no HTTPS).</summary>
    public const string HttpsPort = "EDGE_HTTPS_PORT";

    /// <summary>The HTTPS port clients see, for redirects, when the container's port is published under another number.</summary>
    public const string HttpsPublicPort = "EDGE_HTTPS_PUBLIC_PORT";

    /// <summary><c>true</c> sends Strict-Transport-Security on HTTPS answers (default false).</summary>
    public const string Hsts = "EDGE_HSTS";

    /// <summary>The ACME directory URL (https).</summary>
    public const string AcmeDirectory = "EDGE_ACME_DIRECTORY";

    /// <summary>A PEM bundle the ACME server's certificate is checked against (a private CA).</summary>
    public const string AcmeCaBundle = "EDGE_ACME_CA_BUNDLE";

    /// <summary>The ACME account's contact address.</summary>
    public const string AcmeEmail = "EDGE_ACME_EMAIL";

    /// <summary>How often, in seconds, certificates are checked for renewal (default 3600).</summary>
    public const string RenewalCheckSeconds = "EDGE_RENEWAL_CHECK_SECONDS";

    /// <summary>The public listeners' request body limit in bytes (default: Kestrel's).</summary>
    public const string MaxRequestBodyBytes = "EDGE_MAX_REQUEST_BODY_BYTES";

    /// <summary>Seconds a client has to send its request headers.</summary>
    public const string RequestHeadersTimeoutSeconds = "EDGE_REQUEST_HEADERS_TIMEOUT_SECONDS";

    /// <summary>Seconds an idle keep-alive connection stays open.</summary>
    public const string KeepAliveTimeoutSeconds = "EDGE_KEEPALIVE_TIMEOUT_SECONDS";

    /// <summary>Connections one client (an address; an IPv6 client's /64) may hold open on the public listeners (default 256).</summary>
    public const string MaxConnectionsPerClient = "EDGE_MAX_CONNECTIONS_PER_CLIENT";

    /// <summary>Connections the public listeners hold open in all (default 4096).</summary>
    public const string MaxConnections = "EDGE_MAX_CONNECTIONS";
}
