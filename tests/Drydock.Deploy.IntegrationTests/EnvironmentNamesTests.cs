using System.Security.Cryptography;
using Drydock.Docker;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// Engine names on a real engine, behind real edges: <c>x</c>/<c>eu-it</c> and <c>x-eu</c>/<c>it</c> (one name in the
/// older form) both serve with data of their own, and an environment whose volumes carry the older names keeps them
/// and its notes across a release. Free ports; apps named nm….
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class EnvironmentNamesTests(DeployFixture fixture, ITestOutputHelper output)
{
    private static string NewApp() => "nm" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    [Fact]
    public async Task Two_pairs_that_once_shared_every_name_serve_side_by_side_with_their_own_data()
    {
        var app = NewApp();
        await using var euIt = new TestEnvironment(fixture, output, environment: "eu-it", app: app);
        await using var it = new TestEnvironment(fixture, output, environment: "it", app: app + "-eu");
        Assert.Equal(euIt.Id.WithLegacyNames().DataVolume, it.Id.WithLegacyNames().DataVolume);

        await euIt.Manager().DeployAsync(euIt.Request(fixture.V1));
        await euIt.Notes.AddAsync("kept by x/eu-it");
        await it.Manager().DeployAsync(it.Request(fixture.V1));
        await it.Notes.AddAsync("kept by x-eu/it");

        Assert.Equal(["kept by x/eu-it"], await euIt.Notes.TextsAsync());
        Assert.Equal(["kept by x-eu/it"], await it.Notes.TextsAsync());
        Assert.Single((await euIt.Manager().HistoryAsync(euIt.Id)));
        Assert.Single((await it.Manager().HistoryAsync(it.Id)));
    }

    [Fact]
    public async Task An_environment_under_the_older_names_keeps_them_and_its_notes_across_a_release()
    {
        await using var env = new TestEnvironment(fixture, output, environment: "eu-it", app: NewApp());
        var legacy = env.Id.WithLegacyNames();
        try
        {
            // As an older Drydock left it: its own state volume, labelled as this environment's, under the one-dash name.
            await env.Docker.CreateVolumeAsync(new DockerVolumeCreateSettings(legacy.StateVolume) { Labels = ReleaseLabels.Owner(env.Id, "state") });

            await env.Manager().DeployAsync(env.Request(fixture.V1));
            await env.Notes.AddAsync("written under the older names");
            var second = await env.Manager().DeployAsync(env.Request(fixture.V2));

            Assert.Contains("written under the older names", await env.Notes.TextsAsync());
            var serving = (await env.ContainersAsync(ContainerRole.Release)).Single(c => c.Name.TrimStart('/') == second.Container);
            Assert.Contains(serving.Mounts, m => m.Name == legacy.DataVolume);
            var joint = await env.Docker.ListVolumesAsync(new DockerVolumeLsSettings { NameFilter = env.Id.VolumeNameFilter });
            Assert.DoesNotContain(joint, v => env.Id.Volumes.Contains(v.Name));
            Assert.Equal(2, (await env.Manager().HistoryAsync(env.Id)).Count);
        }
        finally
        {
            await env.DisposeAsync();
            await env.Docker.ExecuteAsync(new DockerNetworkRmSettings(legacy.Network), throwOnError: false);
        }
    }
}
