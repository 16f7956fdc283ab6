using Drydock.Edge.Client;
using System.Net;
using System.Text;
using Drydock.Docker;


namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// The edge strategy against the real engine: releases publish nothing, the environment's edge holds the port and
/// switches between them. Under continuous load, no request may fail.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class EdgeTests(DeployFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Deploy_rollback_and_a_never_healthy_deploy_under_load_fail_no_request()
    {
        await using var env = new TestEnvironment(fixture, output);
        var manager = env.Manager();
        var first = await manager.DeployAsync(env.Request(fixture.V1));
        Assert.Null(first.SwapGap);
        await env.Notes.AddAsync("written by v1");

        await using (var load = new LoadRunner(env.Port))
        {
            var second = await manager.DeployAsync(env.Request(fixture.V2));
            Assert.Equal("2.0.0", await env.Notes.VersionAsync());
            Assert.Equal("1.0.0", second.ReplacedVersion);

            var rollback = await env.Manager().RollbackAsync(env.Rollback());
            Assert.True(rollback.RolledBack, rollback.Message);
            Assert.Equal("1.0.0", await env.Notes.VersionAsync());

            // v3 never answers its health path: the edge never routes to it, v1 keeps serving.
            var broken = env.Config with { HealthPath = "/health/does-not-exist", DeployTimeout = TimeSpan.FromSeconds(8) };
            var failure = await Assert.ThrowsAsync<DeployException>(() => manager.DeployAsync(env.Request(fixture.V3, broken)));
            output.WriteLine("v3 failure: " + failure.Message.Split('\n')[0]);
            Assert.Contains("the edge never routed to it", failure.Message);
            Assert.Equal("1.0.0", await env.Notes.VersionAsync());

            await Task.Delay(500); // a little load after the last step too
            await load.DisposeAsync();
            output.WriteLine($"{load.Requests} requests under load; versions answered: {string.Join(", ", load.Versions.Select(v => $"{v.Key} x{v.Value}"))}");
            Assert.True(load.Requests > 50, $"only {load.Requests} requests were made");
            Assert.Empty(load.Failures);
            Assert.Contains("2.0.0", load.Versions.Keys);
        }

        // Data kept across every switch; nothing publishes but the edge; one release runs.
        Assert.Equal(["written by v1"], await env.Notes.TextsAsync());
        var releases = await env.ContainersAsync(ContainerRole.Release);
        Assert.Single(releases, r => r.Running);
        Assert.All(releases, r => Assert.Empty(r.PortBindings));
        Assert.DoesNotContain(releases, r => r.Labels[ReleaseLabels.Version] == "3.0.0");

        // History in order, read as a fresh runner would.
        var history = await env.Manager().HistoryAsync(env.Id);
        Assert.Equal(
            [(ReleaseAction.Deploy, "1.0.0", ReleaseOutcome.Succeeded), (ReleaseAction.Deploy, "2.0.0", ReleaseOutcome.Succeeded),
             (ReleaseAction.Rollback, "1.0.0", ReleaseOutcome.Succeeded), (ReleaseAction.Deploy, "3.0.0", ReleaseOutcome.Failed)],
            history.Select(r => (r.Action, r.Version, r.Outcome)));

        // Status shows the edge and its route; no drift.
        var status = await env.Manager().StatusAsync(env.Id);
        output.WriteLine(status.Describe());
        Assert.Contains("edge     " + env.Id.EdgeContainer, status.Describe());
        Assert.Contains("(1.0.0)", status.Describe());
        Assert.False(status.Drift!.HasDrift, status.Drift.Describe());
        Assert.True(status.MatchesLastRelease);

        // A deploy of exactly what serves (same digest and configuration, no secrets) changes and records nothing.
        var again = await env.Manager().DeployAsync(env.Request(fixture.V1, env.Config with { SecretEnv = [] }));
        output.WriteLine($"redeploy without the secret: {again.Duration.TotalSeconds:0.0}s");
        Assert.False(again.Unchanged); // the configuration changed (no secret any more): a new container
        var unchanged = await env.Manager().DeployAsync(env.Request(fixture.V1, env.Config with { SecretEnv = [] }));
        Assert.True(unchanged.Unchanged);
        Assert.Equal(again.Container, unchanged.Container);
        Assert.Equal(5, (await env.Manager().HistoryAsync(env.Id)).Count); // the four above and the redeploy; nothing for the no-op
    }

    [Fact]
    public async Task A_restarted_edge_serves_the_same_release_and_its_admin_api_has_no_port()
    {
        await using var env = new TestEnvironment(fixture, output);
        var deployed = await env.Manager().DeployAsync(env.Request(fixture.V2));
        var edge = env.Id.EdgeContainer;

        await env.Docker.Runner.RunAsync(new Drydock.Engine.Tooling.ToolCommand("docker", "restart", edge));
        // It serves its persisted route as soon as it listens: no deploy in between.
        var version = await RetryAsync(() => env.Notes.VersionAsync(), TimeSpan.FromSeconds(20));
        Assert.Equal("2.0.0", version);
        using (var admin = EdgeAdminExec.Client(env.Docker, edge))
            Assert.Equal(UpstreamAddress.ForContainer(deployed.Container), (await admin.GetRoutesAsync()).Active!.Upstream);

        // The public port forwards everything to the app: the admin paths get the app's answer, never the admin's.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var publicRoutes = await http.GetAsync($"http://127.0.0.1:{env.Port}/routes");
        Assert.Equal(HttpStatusCode.NotFound, publicRoutes.StatusCode);
        Assert.DoesNotContain("generation", await publicRoutes.Content.ReadAsStringAsync());
        var put = await http.PutAsync($"http://127.0.0.1:{env.Port}/routes",
            new StringContent("""{"upstream":"http://example.invalid:80","version":"evil"}""", Encoding.UTF8, "application/json"));
        Assert.True(put.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"PUT /routes on the public port: {(int)put.StatusCode}");
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());

        // The edge publishes its public port only (the admin API is docker exec only); the release publishes nothing.
        var state = Assert.Single(await new EnvironmentContainers(env.Docker).InspectManyAsync([edge], CancellationToken.None));
        Assert.Equal([EdgeContainerSpec.ContainerPublicPort + "/tcp"], state.PortBindings.Select(p => p.ContainerPort).Distinct());
        Assert.True(state.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], state.CapDrop);
        Assert.Empty(Assert.Single(await env.ContainersAsync(ContainerRole.Release)).PortBindings);
    }

    [Fact]
    public async Task Two_environments_on_one_host_switch_independently()
    {
        await using var staging = new TestEnvironment(fixture, output, "staging");
        await using var production = new TestEnvironment(fixture, output, "production", app: staging.App);
        await production.Manager().DeployAsync(production.Request(fixture.V1));
        await staging.Manager().DeployAsync(staging.Request(fixture.V1));

        await using (var load = new LoadRunner(production.Port, connections: 2))
        {
            await staging.Manager().DeployAsync(staging.Request(fixture.V2));
            await load.DisposeAsync();
            Assert.Empty(load.Failures);
            Assert.Equal(["1.0.0"], load.Versions.Keys);
        }

        Assert.Equal("2.0.0", await staging.Notes.VersionAsync());
        Assert.Equal("1.0.0", await production.Notes.VersionAsync());
        Assert.NotEqual(new EnvironmentId(staging.App, "staging").EdgeContainer, new EnvironmentId(production.App, "production").EdgeContainer);
    }

    [Fact]
    public async Task The_first_edge_deploy_moves_the_port_from_a_release_that_published_it()
    {
        await using var env = new TestEnvironment(fixture, output, strategy: DeployStrategyKind.Replace);
        await env.Manager().DeployAsync(env.Request(fixture.V1));
        await env.Notes.AddAsync("from the replace days");

        var moved = await env.Manager().DeployAsync(env.Request(fixture.V2, env.Config with { Strategy = DeployStrategyKind.Edge }));

        Assert.Contains("Moving port", env.Log.Text);
        Assert.NotNull(moved.SwapGap);
        output.WriteLine($"one-time gap moving the port to the edge: {moved.SwapGap!.Value.TotalSeconds:0.00}s");
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        Assert.Equal(["from the replace days"], await env.Notes.TextsAsync());
        Assert.Empty(Assert.Single(await env.ContainersAsync(ContainerRole.Release), r => r.Running).PortBindings);
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> action, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
