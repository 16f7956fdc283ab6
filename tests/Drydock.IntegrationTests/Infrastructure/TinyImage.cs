using Drydock.Docker;

namespace Drydock.IntegrationTests;

/// <summary>A small image on the base (one file), labelled with a revision, for push and registry tests.</summary>
internal static class TinyImage
{
    public static async Task<(string Id, string Revision)> BuildAsync(DockerFixture fixture, DockerCli docker, string tag)
    {
        var context = Directory.CreateDirectory(Path.Combine(fixture.WorkDirectory, "tiny-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        await File.WriteAllTextAsync(Path.Combine(context, "hello.txt"), "hello " + tag);
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM {fixture.BaseImage.Reference}\nCOPY hello.txt /hello.txt\n");
        var revision = Guid.NewGuid().ToString("N");
        fixture.TrackImage(tag);
        var id = await docker.BuildAsync(new DockerBuildSettings(context)
        {
            Tags = [tag],
            Labels = new Dictionary<string, string>(fixture.Labels) { ["org.opencontainers.image.revision"] = revision },
        });
        return (id, revision);
    }
}
