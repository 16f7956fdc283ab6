using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Registry;
using Drydock.Release;

namespace Drydock.IntegrationTests.Release;

/// <summary>
/// The default release: framework-dependent on the offline ASP.NET base, a thin app layer, the SBOM beside the image;
/// the SDK's daemonless builder; and a `--project` app's data volume and tags. Real engine, real registry. Published ports: 18410-18419.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class LayeredReleaseTests(DockerFixture fixture, WebProjectRepository repository, ITestOutputHelper output) : IClassFixture<WebProjectRepository>
{
    private ReleaseChain Chain(string imageName, CapturingBuildLog log, string? project = null, ImageBuilderKind builder = ImageBuilderKind.Docker) =>
        new(new ReleaseSettings(repository.Root, project ?? repository.Project)
        {
            ImageName = imageName,
            Registry = fixture.Registry.Address,
            HealthPath = "/",
            ImageBuilder = builder,
        }, new ProcessToolRunner(log, new SecretMasker()), log, new SecretMasker());

    private async Task<PublishedImage> ReleaseAsync(ReleaseChain chain)
    {
        await chain.PublishAsync();
        await chain.BuildImageAsync();
        if (chain.Settings.ImageBuilder == ImageBuilderKind.Docker)
            fixture.TrackImage(await chain.LocalReferenceAsync());
        await chain.TagImageAsync();
        foreach (var reference in (await chain.TagsAsync()).All)
            fixture.TrackImage(reference);
        var published = await chain.PushImageAsync();
        fixture.TrackImage(published.Reference);
        return published;
    }

    private async Task<string> DockerOutput(params string[] arguments) =>
        (await new ProcessToolRunner(new CapturingBuildLog(), new SecretMasker()).RunAsync(new ToolCommand("docker", arguments) { EchoOutput = false })).Output.Trim();

    [Fact]
    public async Task The_default_release_is_a_thin_app_layer_on_the_aspnet_base_with_its_sbom_and_an_unchanged_app_rebuilds_the_same_layer()
    {
        var name = $"{fixture.RunId}-layered";
        var log = new CapturingBuildLog(output);
        var published = await ReleaseAsync(Chain(name, log));

        var docker = fixture.CreateDocker(log);
        var image = (await docker.InspectImageAsync(published.Reference))!;
        Assert.Equal("1654", image.User);
        Assert.Contains("DOTNET_ROOT=/usr/share/dotnet", image.Environment);
        Assert.Equal("src/Hello/Hello.csproj", image.Labels[ImageLabels.Project]);
        var baseName = log.Lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"on (drydock/aspnet:\S+) from")).Single(m => m.Success).Groups[1].Value;
        var appBytes = long.Parse(await DockerOutput("image", "inspect", "-f", "{{.Size}}", published.Reference))
            - long.Parse(await DockerOutput("image", "inspect", "-f", "{{.Size}}", baseName));
        output.WriteLine($"app layer(s): {appBytes} bytes on {baseName}");
        Assert.InRange(appBytes, 1, 5_000_000); // the self-contained app alone is about 100 MB

        // It runs as published, read-only, and answers.
        using var http = new HttpClient();
        var port = 18410;
        await docker.RunDetachedAsync(new DockerRunSettings(published.Reference)
        {
            Name = $"{name}-run", Labels = fixture.Labels, Publish = [new PortMapping(port, 8080)], ReadOnly = true, Tmpfs = ["/tmp"],
        });
        Assert.Equal("Hello World!", await GetUntilAnswered(http, $"http://127.0.0.1:{port}/"));

        // The SBOM: in artifacts/, named by the image's label, and beside the image in the registry.
        var chain = Chain(name, new CapturingBuildLog(output));
        var sbom = await File.ReadAllTextAsync(await chain.SbomPathAsync());
        Assert.Contains("pkg:deb/debian/libc6@", sbom);
        Assert.Contains("pkg:nuget/Microsoft.AspNetCore.App.Runtime.linux-x64@", sbom);
        Assert.Equal(ImageSbom.Digest(sbom), image.Labels[ImageLabels.Sbom]);
        var pushed = await new RegistryArtifacts(http, fixture.Registry.Address).GetAsync(name, published.Digest, ImageSbom.TagSuffix);
        Assert.Equal(sbom, System.Text.Encoding.UTF8.GetString(pushed!));

        // Published again from the same commit (a fresh publish folder): the app layer is byte for byte the same.
        var again = Chain($"{name}-again", new CapturingBuildLog(output));
        await again.PublishAsync();
        await again.BuildImageAsync();
        fixture.TrackImage(await again.LocalReferenceAsync());
        Assert.Equal(
            await DockerOutput("image", "inspect", "-f", "{{json .RootFS.Layers}}", published.Reference),
            await DockerOutput("image", "inspect", "-f", "{{json .RootFS.Layers}}", await again.LocalReferenceAsync()));
    }

    /// <summary>A --project app can write its state on /data, even on a volume an earlier release left owned by root, instead of crashing in a restart loop.</summary>
    [Fact]
    public async Task A_project_app_writes_its_data_volume_even_one_an_earlier_release_left_empty_and_owned_by_root()
    {
        var name = $"{fixture.RunId}-state";
        var log = new CapturingBuildLog(output);
        var published = await ReleaseAsync(Chain(name, log));
        var docker = fixture.CreateDocker(log);
        // As earlier releases left it: created by Docker, empty, owned by root.
        var volume = await docker.CreateVolumeAsync(new DockerVolumeCreateSettings($"{name}-data") { Labels = fixture.Labels });

        using var http = new HttpClient();
        for (var run = 1; run <= 2; run++)
        {
            var port = 18410 + run;
            await docker.RunDetachedAsync(new DockerRunSettings(published.Reference)
            {
                Name = $"{name}-run{run}", Labels = fixture.Labels, Publish = [new PortMapping(port, 8080)], ReadOnly = true, Tmpfs = ["/tmp"],
                Volumes = [new VolumeMount(volume, "/data")],
            });
            await GetUntilAnswered(http, $"http://127.0.0.1:{port}/");
            using var response = await http.PostAsync($"http://127.0.0.1:{port}/state", null);
            Assert.True(response.IsSuccessStatusCode, $"run {run}: POST /state answered {(int)response.StatusCode}: the app cannot write /data");
            // The second release reads what the first wrote: the state lives on the volume.
            Assert.Equal(run.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
            await docker.RemoveContainersAsync(new DockerRmSettings([$"{name}-run{run}"]) { Force = true });
        }
    }

    /// <summary>A non-web --project is refused before Publish (not at docker run, after its tag took the commit), and each project of a commit gets its own tag.</summary>
    [Fact]
    public async Task A_library_is_refused_before_publish_and_two_projects_of_one_commit_never_share_a_tag()
    {
        var name = $"{fixture.RunId}-proj";
        var library = Chain(name, new CapturingBuildLog(output), repository.LibraryProject);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => library.PublishAsync());
        Assert.Contains("Lib.csproj is not an ASP.NET Core app", refused.Message);
        Assert.False(Directory.Exists(library.PublishDirectory), "the library was published before it was refused");
        using var http = new HttpClient();
        var registry = new RegistryClient(http, fixture.Registry.Address);
        Assert.Null(await registry.GetTagAsync(name, "1.0.0"));

        var published = await ReleaseAsync(Chain(name, new CapturingBuildLog(output)));
        var other = Chain(name, new CapturingBuildLog(output), repository.OtherProject);
        var shared = await Assert.ThrowsAsync<InvalidOperationException>(() => other.PublishAsync());
        Assert.Contains("src/Hello/Hello.csproj", shared.Message);
        Assert.Contains("src/Other/Other.csproj", shared.Message);
        Assert.Contains("--image-name", shared.Message);
        Assert.Equal(published.Digest, (await registry.GetTagAsync(name, "1.0.0"))!.Digest);
    }

    [Fact]
    public async Task The_sdk_builder_pushes_the_same_tags_labels_and_user_and_the_image_answers()
    {
        var name = $"{fixture.RunId}-sdk";
        var log = new CapturingBuildLog(output);
        var published = await ReleaseAsync(Chain(name, log, builder: ImageBuilderKind.Sdk));

        Assert.Contains(log.Lines, l => l.Contains("Pushed image", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("> docker build", StringComparison.Ordinal));
        using var http = new HttpClient();
        var registry = new RegistryClient(http, fixture.Registry.Address);
        foreach (var tag in published.Tags)
        {
            var held = (await registry.GetTagAsync(name, tag))!;
            Assert.Equal(published.Digest, held.Digest);
            Assert.Equal(repository.Commit, held.Revision);
            Assert.Equal("1.0.0", held.Labels["org.opencontainers.image.version"]);
            Assert.Equal(published.Created, held.Labels["org.opencontainers.image.created"]);
            Assert.Equal("src/Hello/Hello.csproj", held.Labels[ImageLabels.Project]);
            Assert.True(held.Labels.ContainsKey(ImageLabels.Sbom));
        }

        var docker = fixture.CreateDocker(log);
        var port = 18415;
        await docker.RunDetachedAsync(new DockerRunSettings(published.Reference)
        {
            Name = $"{name}-run", Labels = fixture.Labels, Publish = [new PortMapping(port, 8080)], ReadOnly = true, Tmpfs = ["/tmp"],
        });
        Assert.Equal("Hello World!", await GetUntilAnswered(http, $"http://127.0.0.1:{port}/"));
        Assert.Equal("1654", (await docker.InspectImageAsync(published.Reference))!.User);

        // The same commit again: the immutability checks find it published, nothing is built or pushed.
        var rerun = Chain(name, new CapturingBuildLog(output), builder: ImageBuilderKind.Sdk);
        Assert.True(await rerun.IsAlreadyPublishedAsync());
        Assert.Equal(published.Digest, (await rerun.PushImageAsync()).Digest);
    }

    private static async Task<string> GetUntilAnswered(HttpClient http, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await http.GetStringAsync(url);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }
}
