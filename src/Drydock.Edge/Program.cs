// Drydock's edge: holds the published port(s) and forwards every request to the active release of the service the
// request's host names (the host-less service when none matches) over the environment's private Docker network. The
// admin API listens on an owner-only unix socket in the state volume; deploys run the edge with no admin port at all
// (EDGE_ADMIN_PORT=off) and reach the socket with `docker exec <edge> /app/Drydock.Edge admin …`, so nothing outside
// the container can switch a route. An admin TCP port is for in-process tests and setups that ask for one.
//
// Contract (names in Drydock.Edge.Contract.EdgeEnvironment)
//   Environment  EDGE_PUBLIC_PORT               public listener (default 8080)
//                EDGE_ADMIN_PORT                admin TCP listener (default 9901; off: none, as deploys run it)
//                EDGE_STATE_DIR                 directory of the route state, a volume (default /state)
//                EDGE_ADMIN_SOCKET              admin unix socket, owner-only (default <state>/admin/admin.sock; off: none)
//                EDGE_ADMIN_ALLOW               who may use the admin port: host (loopback and the Docker gateway) | any
//                EDGE_SHUTDOWN_TIMEOUT_SECONDS  grace for in-flight requests after SIGTERM (default 30)
//                EDGE_ROUTE, EDGE_ROUTE_VERSION the route taken at start when none is saved (a cluster edge)
//                EDGE_HTTPS_*, EDGE_ACME_*, …   the HTTPS listener and certificates (see Tls/HttpsOptions.cs)
//   Arguments    --healthcheck [url]            probe the admin /health (over the socket when the port is off); exit 0/1
//                admin <command> [options]      the admin client over the socket (docker exec); see Cli/AdminCommandLine.cs
//                data-owner check|fix <dir> …   one-shot helper for a data volume's ownership; see Cli/DataOwnerCli.cs
//   Public       every request → its service's active upstream; 503 before the first route; 502 when the upstream fails
//   Admin        GET /health, GET|PUT /routes, /candidate, /canary, GET /metrics[/prometheus], POST /upstreams/health,
//                /hosts/… (see Admin/AdminEndpoints.cs, Hosts/HostEndpoints.cs and Drydock.Edge.Contract)
//   Exit codes   0 stopped normally (or probe healthy); 1 cannot listen (or probe unhealthy); 2 bad configuration
using Drydock.Edge.Cli;
using Drydock.Edge.Hosting;

if (AdminCli.IsRequested(args))
    return await AdminCli.RunAsync(args[1..], Environment.GetEnvironmentVariable, Console.Out, Console.Error, stdin: Console.In);
if (DataOwnerCli.IsRequested(args))
    return DataOwnerCli.Run(args[1..], Console.Out, Console.Error);
if (SelfProbe.IsRequested(args))
    return await SelfProbe.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out);

EdgeOptions options;
try
{
    options = EdgeOptions.FromEnvironment(Environment.GetEnvironmentVariable);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"Not starting: {e.Message}");
    return 2;
}

EdgeServer edge;
try
{
    edge = await EdgeServer.StartAsync(options);
}
catch (IOException e)
{
    // Typically a port already in use: one clear line, and the restart policy tries again.
    await Console.Error.WriteLineAsync($"Not starting: {e.Message}");
    return 1;
}

await using (edge)
    await edge.RunUntilStoppedAsync();
return 0;
