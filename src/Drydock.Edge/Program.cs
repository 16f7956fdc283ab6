// Drydock's edge: one per environment. Holds the environment's published port and forwards every request to the
// active release over the environment's private Docker network; a second listener, published on the host's loopback
// only, switches the route and reports what is still in flight.
//
// Contract
//   Environment  EDGE_PUBLIC_PORT               public listener (default 8080)
//                EDGE_ADMIN_PORT                admin listener (default 9901; off: none)
//                EDGE_STATE_DIR                 directory of routes.json, a volume (default /state)
//                EDGE_ADMIN_SOCKET              admin unix socket, owner-only (default <state>/admin/admin.sock; off: none)
//                EDGE_ADMIN_ALLOW               host (default: loopback and the Docker gateway only) | any
//                EDGE_SHUTDOWN_TIMEOUT_SECONDS  grace for in-flight requests after SIGTERM (default 30)
//   Arguments    --healthcheck [url]            probe the admin /health and exit 0/1; nothing is started
//                admin <command> [options]      the admin client over the socket (docker exec); see Cli/AdminCommandLine.cs
//                data-owner check|fix <dir> …   one-shot helper for a data volume's ownership; see Cli/DataOwnerCli.cs
//   Public       every request → the active upstream; 503 before the first route; 502 when the upstream fails
//   Admin        GET /health, GET /routes, PUT /routes, GET /metrics[/prometheus], POST /upstreams/health
//                (see Admin/AdminEndpoints.cs and Contract/)
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
