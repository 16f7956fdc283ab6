using System.Net;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Edge.Hosting;

namespace Drydock.Edge.Tests;

/// <summary>
/// An edge in this process on loopback port 0 for both listeners and its admin socket in its state directory (which the
/// test owns). <see cref="AdminCliAsync"/> runs the admin command line against that socket, as <c>docker exec</c> would.
/// </summary>
public sealed class EdgeUnderTest : IAsyncDisposable
{
    private EdgeUnderTest(EdgeServer server, string stateDirectory, EdgeOptions options)
    {
        Server = server;
        StateDirectory = stateDirectory;
        Public = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = server.PublicAddress, Timeout = TimeSpan.FromSeconds(30) };
        Admin = options.AdminPort is null ? null! : new EdgeAdminClient(server.AdminAddress);
    }

    public EdgeServer Server { get; }

    public string StateDirectory { get; }

    public string StateFile => Path.Combine(StateDirectory, Drydock.Edge.State.RouteStateStore.FileName);

    /// <summary>A client of the public listener (the environment's port).</summary>
    public HttpClient Public { get; }

    /// <summary>The admin port's client; null when the edge runs without one.</summary>
    public EdgeAdminClient Admin { get; }

    public string AdminSocket => Server.AdminSocketPath ?? throw new InvalidOperationException("This edge has no admin socket.");

    public static async Task<EdgeUnderTest> StartAsync(string stateDirectory, Func<EdgeOptions, EdgeOptions>? configure = null)
    {
        var options = new EdgeOptions
        {
            ListenAddress = IPAddress.Loopback,
            PublicPort = 0,
            AdminPort = 0,
            StateDirectory = stateDirectory,
            AdminSocketPath = EdgeOptions.DefaultAdminSocket(stateDirectory),
            HandleSignals = false,
            ShutdownTimeout = TimeSpan.FromSeconds(10),
            ConfigureLogging = _ => { },
        };
        options = configure?.Invoke(options) ?? options;
        var server = await EdgeServer.StartAsync(options);
        return new EdgeUnderTest(server, stateDirectory, options);
    }

    /// <summary>Switches through the admin API, as a deployer would.</summary>
    public Task<RouteSwitchResult> SwitchAsync(TestUpstream upstream, string? version = null) =>
        Admin.SwitchAsync(new RouteChange(upstream.Address, version ?? upstream.Name));

    /// <summary><c>Drydock.Edge admin --socket &lt;this edge's socket&gt; …</c>, in process: exit code, stdout, stderr.</summary>
    public async Task<CliRun> AdminCliAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await Drydock.Edge.Cli.AdminCli.RunAsync(["--socket", AdminSocket, .. args], _ => null, stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        Public.Dispose();
        Admin?.Dispose();
        await Server.StopAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>One run of the admin command line.</summary>
public sealed record CliRun(int Exit, string Stdout, string Stderr)
{
    public T Json<T>() => System.Text.Json.JsonSerializer.Deserialize<T>(Stdout, EdgeJson.Options)
        ?? throw new InvalidDataException($"No JSON on stdout: '{Stdout}' (stderr: '{Stderr}')");
}
