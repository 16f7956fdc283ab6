using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Registry;
using Drydock.Release;

namespace Drydock.IntegrationTests.Release;

/// <summary>
/// Publish → BuildImage → TagImage → PushImage on a plain web project, against the real engine and real registries,
/// self-contained on the runtime-deps base (--self-contained; the layered default is in <see cref="LayeredReleaseTests"/>).
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ReleaseChainTests(DockerFixture fixture, WebProjectRepository repository, ITestOutputHelper output) : IClassFixture<WebProjectRepository>
{
    private ReleaseChain Chain(string imageName, CapturingBuildLog log, SecretMasker masker, string? registry = null, RegistryCredentials? credentials = null) =>
        new(new ReleaseSettings(repository.Root, repository.Project)
        {
            ImageName = imageName,
            Registry = registry ?? fixture.Registry.Address,
            RegistryUsername = credentials?.Username,
            RegistryPassword = credentials?.Password,
            BaseImage = fixture.BaseImage.Reference,
            SelfContained = true,
            HealthPath = "/",
        }, new ProcessToolRunner(log, masker), log, masker);

    private async Task<PublishedImage> ReleaseAsync(ReleaseChain chain)
    {
        await chain.PublishAsync();
        await chain.BuildImageAsync();
        fixture.TrackImage(await chain.LocalReferenceAsync());
        await chain.TagImageAsync();
        foreach (var reference in (await chain.TagsAsync()).All)
            fixture.TrackImage(reference);
        return await chain.PushImageAsync();
    }

    [Fact]
    public async Task A_plain_web_project_is_released_with_a_generated_dockerfile_answers_and_a_rerun_is_a_no_op()
    {
        var name = $"{fixture.RunId}-hello";
        var log = new CapturingBuildLog(output);
        var published = await ReleaseAsync(Chain(name, log, new SecretMasker()));

        Assert.Equal("1.0.0", published.Version);
        Assert.Equal(repository.Commit, published.Commit);
        Assert.Equal(["1.0.0", "sha-" + repository.Commit[..7]], published.Tags);
        Assert.True(File.Exists(Path.Combine(repository.Root, "artifacts", "publish", name + ".Dockerfile")), "no Dockerfile was generated");
        Assert.Equal(published, PublishedImage.Read(Path.Combine(repository.Root, "artifacts", "image.json")) with { Tags = published.Tags });

        using var http = new HttpClient();
        var tag = await new RegistryClient(http, fixture.Registry.Address).GetTagAsync(name, "1.0.0");
        Assert.NotNull(tag);
        Assert.Equal(published.Digest, tag.Digest);
        Assert.Equal(repository.Commit, tag.Revision);
        Assert.Equal("1.0.0", tag.Labels["org.opencontainers.image.version"]);
        Assert.Equal(published.Created, tag.Labels["org.opencontainers.image.created"]);
        Assert.Equal(published.Digest, (await new RegistryClient(http, fixture.Registry.Address).GetTagAsync(name, published.Tags[1]))!.Digest);

        // What was pushed runs, by digest, as a non-root user, and answers.
        var docker = fixture.CreateDocker(log);
        var port = FreePort.Next();
        await docker.RunDetachedAsync(new DockerRunSettings(published.Reference)
        {
            Name = $"{name}-run",
            Labels = fixture.Labels,
            Publish = [new PortMapping(port, 8080)],
            ReadOnly = true,
            Tmpfs = ["/tmp"],
        });
        Assert.Equal("Hello World!", await GetUntilAnswered(http, $"http://127.0.0.1:{port}/"));
        Assert.Equal("1654", (await docker.InspectImageAsync(published.Reference))!.User);

        // The same commit again: nothing to build or push, the same digest.
        var rerunLog = new CapturingBuildLog(output);
        var rerun = Chain(name, rerunLog, new SecretMasker());
        Assert.True(await rerun.IsAlreadyPublishedAsync());
        var again = await rerun.PushImageAsync();
        Assert.Equal(published.Digest, again.Digest);
        Assert.Contains(rerunLog.Lines, l => l.Contains("already published"));
        Assert.DoesNotContain(rerunLog.Lines, l => l.Contains("The push refers to repository"));
    }

    [Fact]
    public async Task A_tag_that_holds_another_commit_is_refused_and_keeps_its_digest()
    {
        var name = $"{fixture.RunId}-taken";
        var docker = fixture.CreateDocker(new CapturingBuildLog(output));
        // Someone already pushed 1.0.0 of this image from another commit (the probe image's revision is random).
        var squatter = $"{fixture.Registry.Address}/{name}:1.0.0";
        fixture.TrackImage(squatter);
        await docker.TagAsync(fixture.ProbeImage, squatter);
        var existing = await docker.PushAsync(squatter);

        var log = new CapturingBuildLog(output);
        var chain = Chain(name, log, new SecretMasker());
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => chain.PublishAsync());
        Assert.Contains(squatter, refused.Message);
        Assert.Contains(fixture.ProbeRevision[..12], refused.Message);
        Assert.Contains(repository.Commit[..12], refused.Message);
        Assert.Contains("immutable", refused.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => chain.PushImageAsync());

        using var http = new HttpClient();
        Assert.Equal(existing.Digest, (await new RegistryClient(http, fixture.Registry.Address).GetTagAsync(name, "1.0.0"))!.Digest);
    }

    [Fact]
    public async Task An_authenticated_registry_gets_the_push_and_the_password_is_never_written()
    {
        var credentials = new RegistryCredentials("drydock", "pw-" + Guid.NewGuid().ToString("N"));
        var setupLog = new CapturingBuildLog(output);
        var registry = await LocalRegistry.EnsureRunningAsync(
            new LocalRegistryOptions(Path.Combine(fixture.WorkDirectory, "release-auth-registry"))
            {
                Address = $"127.0.0.1:{FreePort.Next()}",
                RequiredCredentials = credentials,
            }, fixture.CreateDocker(setupLog).Runner, setupLog);
        try
        {
            var name = $"{fixture.RunId}-private";
            var anonymous = Chain(name, new CapturingBuildLog(output), new SecretMasker(), registry.Address);
            var denied = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => anonymous.PublishAsync());
            Assert.Contains("none were given", denied.Message);

            var log = new CapturingBuildLog(output);
            var masker = new SecretMasker();
            masker.Add(credentials.Password); // as the build does for every [Secret] parameter
            var published = await ReleaseAsync(Chain(name, log, masker, registry.Address, credentials));

            using var http = new HttpClient();
            Assert.Equal(published.Digest, (await new RegistryClient(http, registry.Address, credentials).GetTagAsync(name, "1.0.0"))!.Digest);
            Assert.DoesNotContain(log.Lines, l => l.Contains(credentials.Password));
            // The login went to the build's own docker config, not the user's.
            Assert.True(File.Exists(Path.Combine(repository.Root, ".nuke", "temp", "docker-config", "config.json")));
        }
        finally
        {
            await registry.StopAsync();
        }
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
