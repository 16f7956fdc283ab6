using Drydock.Docker;

namespace Drydock.IntegrationTests;

[Collection(DockerCollection.Name)]
public sealed class BaseImageTests(DockerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_engine_answers_through_the_wrapper()
    {
        var docker = fixture.CreateDocker(new CapturingBuildLog(output));

        var version = await docker.VersionAsync();

        Assert.True(version.EngineAnswers);
        Assert.Equal(fixture.Version.ServerVersion, version.ServerVersion);
    }

    [Fact]
    public async Task The_offline_base_image_is_non_root_shell_less_and_labelled_with_its_packages()
    {
        var docker = fixture.CreateDocker(new CapturingBuildLog(output));

        var image = await docker.InspectImageAsync(fixture.BaseImage.Reference);

        Assert.NotNull(image);
        if (fixture.BaseImage.Origin is BaseImageOrigin.BuiltOffline or BaseImageOrigin.ReusedOffline)
        {
            Assert.Equal("1654", image.User);
            Assert.Contains("APP_UID=1654", image.Environment);
            Assert.Contains("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false", image.Environment);
            Assert.Contains("libc6=", image.Labels[BaseImageRecipe.PackagesLabel]);
            Assert.Contains("ca-certificates=", image.Labels[BaseImageRecipe.PackagesLabel]);
        }

        // No shell: a container asked to run /bin/sh cannot start (docker: exit 127, "no such file").
        var shell = await docker.RunToCompletionAsync(
            new DockerRunSettings(fixture.BaseImage.Reference) { Remove = true, Entrypoint = "/bin/sh", Labels = fixture.Labels, Command = ["-c", "true"] },
            throwOnError: false);
        Assert.NotEqual(0, shell.ExitCode);
    }

    [Fact]
    public async Task A_second_request_reuses_the_image_instead_of_building_again()
    {
        var log = new CapturingBuildLog(output);
        var docker = fixture.CreateDocker(log);

        var again = await BaseImage.EnsureAsync(docker, log, RepositoryRoot.Temp("base-image"));

        Assert.Equal(fixture.BaseImage.Reference, again.Reference);
        Assert.NotEqual(BaseImageOrigin.BuiltOffline, again.Origin);
        Assert.DoesNotContain(log.Lines, line => line.Contains("apt-get download", StringComparison.Ordinal) || line.StartsWith("> docker import", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dotnet_runs_on_it_with_icu_certificates_time_zones_and_the_app_user()
    {
        var docker = fixture.CreateDocker(new CapturingBuildLog(output));

        var check = await docker.RunToCompletionAsync(
            new DockerRunSettings(fixture.ProbeImage) { Remove = true, Labels = fixture.Labels, Command = ["selfcheck"] },
            throwOnError: false);

        output.WriteLine(check.Output);
        Assert.True(check.Succeeded, check.Output + "\n" + check.Error);
        Assert.Contains("ok   user=app", check.StandardOutput);
    }
}
