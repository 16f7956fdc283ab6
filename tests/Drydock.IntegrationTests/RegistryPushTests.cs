using Drydock.Docker;
using Drydock.Registry;

namespace Drydock.IntegrationTests;

[Collection(DockerCollection.Name)]
public sealed class RegistryPushTests(DockerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_pushed_tag_reads_back_with_the_digest_docker_reported_and_the_image_labels()
    {
        var docker = fixture.CreateDocker(new CapturingBuildLog(output));
        var repository = $"{fixture.RunId}/tiny";
        var local = $"{repository}:build";
        var remote = $"{fixture.Registry.Address}/{repository}:v1";
        var (_, revision) = await TinyImage.BuildAsync(fixture, docker, local);
        fixture.TrackImage(remote);

        await docker.TagAsync(local, remote);
        var pushed = await docker.PushAsync(remote);

        using var http = new HttpClient();
        var registry = new RegistryClient(http, fixture.Registry.Address);
        var tag = await registry.GetTagAsync(repository, "v1");
        Assert.NotNull(tag);
        Assert.Equal(pushed.Digest, tag.Digest);
        Assert.Equal(ManifestMediaTypes.DockerManifest, tag.MediaType);
        Assert.Equal(revision, tag.Revision);
        Assert.Equal(fixture.RunId, tag.Labels[DockerFixture.RunLabel]);

        var image = await docker.InspectImageAsync(remote);
        Assert.NotNull(image);
        Assert.Contains($"{fixture.Registry.Address}/{repository}@{pushed.Digest}", image.RepoDigests);

        Assert.Null(await registry.GetTagAsync(repository, "never-pushed"));
        Assert.Null(await registry.GetTagAsync($"{fixture.RunId}/no-such-repository", "v1"));

        // And back: remove the local name, pull it from the registry.
        await docker.RemoveImagesAsync(new DockerImageRmSettings(remote));
        await docker.PullAsync(remote);
        Assert.Equal(pushed.Digest, ImageReference.Parse((await docker.InspectImageAsync(remote))!.RepoDigests.Single(d => d.StartsWith(fixture.Registry.Address, StringComparison.Ordinal))).Digest);
    }
}
