using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Registry;

namespace Drydock.IntegrationTests;

[Collection(DockerCollection.Name)]
public sealed class AuthenticatedRegistryTests(DockerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Login_with_the_password_on_stdin_then_push_and_read_back_and_the_password_is_never_logged()
    {
        var credentials = new RegistryCredentials("drydock", "pw-" + Guid.NewGuid().ToString("N"));
        var setupLog = new CapturingBuildLog(output);
        var registryInstance = await LocalRegistry.EnsureRunningAsync(
            new LocalRegistryOptions(Path.Combine(fixture.WorkDirectory, "auth-registry"))
            {
                Address = $"127.0.0.1:{FreePort.Next()}",
                RequiredCredentials = credentials,
            },
            fixture.CreateDocker(setupLog).Runner, setupLog);
        try
        {
            Assert.True(registryInstance.StartedHere);
            // The same address asked for with another password: refused, not used as if it were the wanted registry.
            var other = new LocalRegistryOptions(Path.Combine(fixture.WorkDirectory, "auth-registry-other"))
            {
                Address = registryInstance.Address,
                RequiredCredentials = credentials with { Password = "other-" + Guid.NewGuid().ToString("N") },
            };
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalRegistry.EnsureRunningAsync(other, fixture.CreateDocker(setupLog).Runner, setupLog));
            Assert.Contains("Stop it or name another address", refused.Message);
            var log = new CapturingBuildLog(output);
            var masker = new SecretMasker();
            // A private client config, so this login never touches the machine's docker credentials.
            var docker = fixture.CreateDocker(log, masker, Directory.CreateDirectory(Path.Combine(fixture.WorkDirectory, "docker-config-" + Guid.NewGuid().ToString("N")[..6])).FullName);
            var repository = $"{fixture.RunId}/private";
            var local = $"{repository}:build";
            var remote = $"{registryInstance.Address}/{repository}:v1";
            var (_, revision) = await TinyImage.BuildAsync(fixture, docker, local);
            fixture.TrackImage(remote);
            await docker.TagAsync(local, remote);

            // Without logging in, the push is refused.
            var anonymous = await docker.ExecuteAsync(new DockerPushSettings(remote), throwOnError: false);
            Assert.NotEqual(0, anonymous.ExitCode);

            await docker.LoginAsync(new DockerLoginSettings(registryInstance.Address, credentials.Username, credentials.Password));
            var pushed = await docker.PushAsync(remote);

            using var http = new HttpClient();
            await Assert.ThrowsAsync<RegistryAuthenticationException>(() => new RegistryClient(http, registryInstance.Address).GetTagAsync(repository, "v1"));
            var tag = await new RegistryClient(http, registryInstance.Address, credentials).GetTagAsync(repository, "v1");
            Assert.NotNull(tag);
            Assert.Equal(pushed.Digest, tag.Digest);
            Assert.Equal(revision, tag.Revision);

            await docker.LogoutAsync(registryInstance.Address);
            Assert.DoesNotContain(credentials.Password, log.Text + setupLog.Text);
            Assert.True(masker.Contains(credentials.Password));
        }
        finally
        {
            await registryInstance.StopAsync();
        }
    }

    [Fact]
    public async Task The_runner_refuses_a_command_line_that_would_carry_a_registered_secret()
    {
        var masker = new SecretMasker();
        masker.Add("s3cret-value");
        var docker = fixture.CreateDocker(new CapturingBuildLog(output), masker);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            docker.ExecuteAsync(new DockerBuildSettings(".") { BuildArgs = new Dictionary<string, string> { ["TOKEN"] = "s3cret-value" } }));
    }
}
