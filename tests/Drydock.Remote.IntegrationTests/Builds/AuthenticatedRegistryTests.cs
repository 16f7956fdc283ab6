using System.Net;
using Drydock.Deploy.IntegrationTests;
using Drydock.Registry;

namespace Drydock.Remote.IntegrationTests;

/// <summary>
/// A registry with basic auth (docker-registry with an htpasswd file) on the runner's 127.0.0.1:21560: from a
/// clone (the shared one), <c>./build.sh Deploy --host … --registry 127.0.0.1:21560 --registry-username rem3</c> with the password
/// in DRYDOCK_REGISTRY_PASSWORD pushes there, and the node (ssh 127.0.0.1:21502) pulls <c>repository@digest</c> from it through
/// the run's reverse forward with the build's credentials. The password is on no command line of the machine during the
/// run (the node's processes included), in no file of the node afterwards, and in no file left in the clone.
/// </summary>
[Collection(ClonesCollection.Name)]
public sealed class AuthenticatedRegistryTests(CloneFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_node_pulls_by_digest_from_an_htpasswd_registry_with_the_builds_credentials_never_written_or_on_a_command_line()
    {
        var node = fixture.Node(2);
        var credentials = new RegistryCredentials("rem3", "rem3-pw-" + Guid.NewGuid().ToString("N"));
        var registry = await LocalRegistry.EnsureRunningAsync(
            new LocalRegistryOptions(Path.Combine(fixture.Root, "auth-registry"))
            {
                Address = $"127.0.0.1:{CloneFixture.AuthRegistryPort}",
                RequiredCredentials = credentials,
            }, fixture.Docker.Runner, fixture.SetupLog);
        try
        {
            using (var http = new HttpClient())
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri(registry.BaseAddress, "v2/"))).StatusCode);
            var clone = await fixture.SharedCloneAsync();
            var ci = new Dictionary<string, string>(fixture.CiEnvironment(node)) { ["DRYDOCK_REGISTRY_PASSWORD"] = credentials.Password };

            using var build = BuildSh.Start(clone, ci, output,
                ["Deploy", .. fixture.Against(node, CloneFixture.Environment + "h"), "--registry", registry.Address, "--registry-username", credentials.Username]);
            RunObserver observer;
            await using (observer = new RunObserver(build, node.SshPort, credentials.Password))
                Assert.True(await build.WaitAsync(TimeSpan.FromMinutes(15)) == 0, $"{build.Command} failed:\n{build.Output}");

            output.WriteLine($"{observer.Samples} samples of every command line on the machine, tunnel seen in {observer.TunnelSightings}; with the password: {observer.CommandLinesWithSecret.Count}");
            Assert.True(observer.TunnelSightings > 0, "the run's ssh tunnel was never seen: the watch did not cover the deploy");
            Assert.Empty(observer.CommandLinesWithSecret);
            Assert.DoesNotContain(credentials.Password, build.Output);

            var version = await new NotesClient(CloneFixture.AppPortBase + 2).VersionAsync();
            // The configured image of each running container of the environment (docker ps shortens it to the repository).
            var images = await fixture.OnNodeAsync(node, null, "sh", "-c",
                $"docker inspect --format '{{{{.Config.Image}}}}' $(docker ps -q --filter label=dev.drydock.environment={CloneFixture.Environment}h)");
            output.WriteLine($"{version} serves; the node runs {images.Output.Trim()}");
            Assert.Contains(images.StandardOutput, image => image.StartsWith($"{registry.Address}/{fixture.ImageFor(CloneFixture.Environment + "h")}@sha256:", StringComparison.Ordinal));

            var grep = await fixture.OnNodeAsync(node, new Dictionary<string, string?> { ["REM3_PASSWORD"] = credentials.Password },
                "sh", "-c", "grep -rlF --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev -- \"$REM3_PASSWORD\" / 2>/dev/null; true");
            Assert.Equal("", grep.Output.Trim());
            foreach (var file in Directory.EnumerateFiles(clone, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).Length < 50_000_000))
                Assert.False(File.ReadAllText(file).Contains(credentials.Password, StringComparison.Ordinal), $"{file} holds the registry password");
        }
        finally
        {
            await registry.StopAsync();
        }
    }
}
