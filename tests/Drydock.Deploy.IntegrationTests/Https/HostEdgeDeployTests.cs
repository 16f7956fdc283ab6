using System.Net;
using System.Text.Json;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// The deploy side of HTTPS against the real engine and a real pebble: environments with host names are served by one
/// host-wide edge on one HTTP and one HTTPS port, with certificates pebble issued by HTTP-01 through that edge.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed partial class HostEdgeDeployTests(DeployFixture fixture, HttpsWorld world, ITestOutputHelper output) : IClassFixture<HttpsWorld>
{
    [Fact]
    public async Task Two_apps_answer_https_by_name_through_one_port_and_a_deploy_of_one_under_load_fails_no_request_for_either()
    {
        await world.EnsureAsync(fixture);
        var run = Guid.NewGuid().ToString("N")[..6];
        await using var notes = new TestEnvironment(fixture, output, environment: "tls3", app: "tls3notes" + run);
        await using var weather = new TestEnvironment(fixture, output, environment: "tls3", app: "tls3weather" + run);
        try
        {
            var notesHost = $"{notes.App}.tls3.test";
            var weatherHost = $"{weather.App}.tls3.test";
            var notesHttps = world.Https(notesHost);
            var weatherHttps = world.Https(weatherHost);
            var weatherConfig = weather.Config with { HealthPath = "/weatherforecast", HealthCheck = null, SecretEnv = [] };
            // No secret variable: an environment with one always redeploys (its values are never recorded), and the no-change deploy is checked below.
            var notesConfig = notes.Config with { SecretEnv = [] };

            await world.Manager(notes, notesHttps).DeployAsync(notes.Request(fixture.V1, notesConfig));
            await world.Manager(weather, weatherHttps).DeployAsync(weather.Request(world.Weather, weatherConfig));

            using var client = HostClient.Create(world.IssuingRoot);
            var notesUrl = new Uri($"https://{notesHost}:{world.HttpsPort}/version");
            var weatherUrl = new Uri($"https://{weatherHost}:{world.HttpsPort}/weatherforecast");
            Assert.Equal("1.0.0", Version(await client.GetStringAsync(notesUrl)));
            using (var h2 = new HttpRequestMessage(HttpMethod.Get, weatherUrl) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact })
            using (var forecast = await client.SendAsync(h2))
            {
                Assert.Equal(HttpStatusCode.OK, forecast.StatusCode);
                Assert.Equal(HttpVersion.Version20, forecast.Version);
            }

            // Plain HTTP redirects to HTTPS on the edge's HTTPS port.
            using (var redirect = await client.GetAsync(new Uri($"http://{notesHost}:{world.HttpPort}/version?x=1")))
            {
                Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
                Assert.Equal($"https://{notesHost}:{world.HttpsPort}/version?x=1", redirect.Headers.Location?.ToString());
            }

            // Status names each host, its route and certificate; History recorded the issuance.
            var status = (await world.Manager(notes, notesHttps).StatusAsync(notes.Id)).Describe();
            output.WriteLine(status);
            Assert.Contains($"host     {notesHost} -> ", status);
            Assert.Contains("certificate by", status);
            var history = await world.Manager(notes, notesHttps).HistoryAsync(notes.Id);
            Assert.Contains($"certificate issued: {notesHost}", history[^1].Message);

            // One app's deploy under load on both, and a certificate renewal: no failed request for either.
            var notesLoad = new HostLoad(world.IssuingRoot, notesUrl);
            var weatherLoad = new HostLoad(world.IssuingRoot, weatherUrl);
            var deployed = TimeSpan.Zero;
            await using (notesLoad)
            await using (weatherLoad)
            {
                await Task.Delay(500);
                var second = await world.Manager(notes, notesHttps).DeployAsync(notes.Request(fixture.V2, notesConfig));
                deployed = second.Duration;
                Assert.Equal("1.0.0", second.ReplacedVersion);
                Assert.Equal("2.0.0", Version(await client.GetStringAsync(notesUrl)));
                // The certificates live 45 s and renew in the background: the load goes on until it has seen a renewed one (bounded).
                var renewal = System.Diagnostics.Stopwatch.StartNew();
                while (notesLoad.Leaves.Count < 2 && renewal.Elapsed < TimeSpan.FromSeconds(60))
                    await Task.Delay(500);
                await Task.Delay(500);
            }
            // One line for bench/https-deploy.sh.
            output.WriteLine($"https-deploy: deploy {deployed.TotalMilliseconds:0} ms; notes {notesLoad.Requests} requests {notesLoad.Failures.Count} failed; weather {weatherLoad.Requests} requests {weatherLoad.Failures.Count} failed; notes certificates seen {notesLoad.Leaves.Count}");
            foreach (var failure in notesLoad.Failures.Concat(weatherLoad.Failures).Take(10))
                output.WriteLine("failed: " + failure);
            Assert.True(notesLoad.Requests > 20 && weatherLoad.Requests > 20, "too few requests under load");
            Assert.Empty(notesLoad.Failures);
            Assert.Empty(weatherLoad.Failures);
            Assert.True(notesLoad.Leaves.Count >= 2, $"no renewed certificate was served during the load ({notesLoad.Leaves.Count} seen)");

            // A deploy of what already serves does nothing (and issues nothing).
            var again = await world.Manager(notes, notesHttps).DeployAsync(notes.Request(fixture.V2, notesConfig));
            Assert.True(again.Unchanged);

            // Rollback switches the host back; drift sees nothing.
            var rollback = await world.Manager(notes, notesHttps).RollbackAsync(notes.Rollback() with { Config = notesConfig });
            Assert.True(rollback.RolledBack, rollback.Message);
            Assert.Equal("1.0.0", Version(await client.GetStringAsync(notesUrl)));
            Assert.False((await world.Manager(notes, notesHttps).CheckDriftAsync(notes.Id)).HasDrift);
        }
        finally
        {
            await HttpsWorld.DetachAsync(notes);
            await HttpsWorld.DetachAsync(weather);
        }
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_obtained_fails_the_deploy_naming_the_cause_and_the_old_release_keeps_serving()
    {
        await world.EnsureAsync(fixture);
        await using var env = new TestEnvironment(fixture, output, environment: "tls3", app: "tls3fail" + Guid.NewGuid().ToString("N")[..6]);
        try
        {
            var good = $"{env.App}.tls3.test";
            var broken = $"{env.App}-nodns.tls3.test";
            await world.Manager(env, world.Https(good)).DeployAsync(env.Request(fixture.V1));
            await world.Pebble.FailDnsAsync(broken);

            var failure = await Assert.ThrowsAsync<DeployException>(() => world.Manager(env, world.Https(good, broken)).DeployAsync(env.Request(fixture.V2)));
            output.WriteLine(failure.Message);
            Assert.Contains($"No certificate for {broken} (cause: dns)", failure.Message);
            Assert.Contains("Nothing was switched", failure.Message);

            using var client = HostClient.Create(world.IssuingRoot);
            Assert.Equal("1.0.0", Version(await client.GetStringAsync(new Uri($"https://{good}:{world.HttpsPort}/version"))));
            Assert.DoesNotContain(await env.ContainersAsync(ContainerRole.Release), c => c.Labels[ReleaseLabels.Version] == "2.0.0");
        }
        finally
        {
            await HttpsWorld.DetachAsync(env);
        }
    }

    private static string Version(string json) => JsonDocument.Parse(json).RootElement.GetProperty("version").GetString()!;
}
