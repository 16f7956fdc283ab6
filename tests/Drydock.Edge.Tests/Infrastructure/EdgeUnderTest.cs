extern alias server;

using System.Net;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using server::Drydock.Edge.Hosting;

namespace Drydock.Edge.Tests;

/// <summary>An edge in this process on loopback port 0 for both listeners, with its state in a directory the test owns.</summary>
public sealed class EdgeUnderTest : IAsyncDisposable
{
    private EdgeUnderTest(EdgeServer server, string stateDirectory)
    {
        Server = server;
        StateDirectory = stateDirectory;
        Public = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = server.PublicAddress, Timeout = TimeSpan.FromSeconds(30) };
        Admin = new EdgeAdminClient(server.AdminAddress);
    }

    public EdgeServer Server { get; }

    public string StateDirectory { get; }

    public string StateFile => Path.Combine(StateDirectory, server::Drydock.Edge.State.RouteStateStore.FileName);

    /// <summary>A client of the public listener (the environment's port).</summary>
    public HttpClient Public { get; }

    public EdgeAdminClient Admin { get; }

    public static async Task<EdgeUnderTest> StartAsync(string stateDirectory, Func<EdgeOptions, EdgeOptions>? configure = null)
    {
        var options = new EdgeOptions
        {
            ListenAddress = IPAddress.Loopback,
            PublicPort = 0,
            AdminPort = 0,
            StateDirectory = stateDirectory,
            HandleSignals = false,
            ShutdownTimeout = TimeSpan.FromSeconds(10),
            ConfigureLogging = _ => { },
        };
        var server = await EdgeServer.StartAsync(configure?.Invoke(options) ?? options);
        return new EdgeUnderTest(server, stateDirectory);
    }

    /// <summary>Switches through the admin API, as a deployer would.</summary>
    public Task<RouteSwitchResult> SwitchAsync(TestUpstream upstream, string? version = null) =>
        Admin.SwitchAsync(new RouteChange(upstream.Address, version ?? upstream.Name));

    public async ValueTask DisposeAsync()
    {
        Public.Dispose();
        Admin.Dispose();
        await Server.StopAsync();
        await Server.DisposeAsync();
    }
}
