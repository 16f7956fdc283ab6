using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Release.Tests;

/// <summary>
/// The registry login (docker's config.json with base64 user:password) lives only as long as the
/// run: removed when the build ends, and a killed run's leftover removed by the next run before it logs in.
/// </summary>
public sealed class RegistryLoginTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rel-login-").FullName;

    /// <summary>Answers <c>docker version</c>, and does what <c>docker --config DIR login</c> does: writes DIR/config.json with the auth.</summary>
    private sealed class DockerLike : IToolRunner
    {
        public Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken = default)
        {
            var arguments = command.Arguments.ToList();
            if (arguments.Contains("version"))
                return Task.FromResult(new ToolResult(0, ["""{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.2.2"}}"""], []));
            if (arguments.Contains("login"))
            {
                var config = arguments[arguments.IndexOf("--config") + 1];
                Directory.CreateDirectory(config);
                // Like docker, a login adds its auth to what the config already holds.
                var path = Path.Combine(config, "config.json");
                var before = File.Exists(path) ? File.ReadAllText(path) : "";
                File.WriteAllText(path, before + """{"auths":{"127.0.0.1:5000":{"auth":"eDpwYXNzd29yZA=="}}}""");
            }
            return Task.FromResult(new ToolResult(0, [], []));
        }
    }

    private ReleaseChain Chain(SecretMasker masker) =>
        new(new ReleaseSettings(_root, "src/Notes/Notes.csproj") { Registry = "127.0.0.1:5000", RegistryUsername = "x", RegistryPassword = "password" },
            new DockerLike(), new ConsoleBuildLog(masker, Verbosity.Quiet, TextWriter.Null), masker);

    private string ConfigJson => Path.Combine(RegistryLoginDirectory.For(Path.Combine(_root, ".nuke", "temp")), "config.json");

    [Fact]
    public async Task The_login_is_removed_when_the_build_ends()
    {
        var chain = Chain(new SecretMasker());
        await chain.DockerAsync();
        Assert.True(File.Exists(ConfigJson), "the fake login wrote no config.json, so the test proves nothing");

        chain.ForgetCredentials();

        Assert.False(Directory.Exists(Path.GetDirectoryName(ConfigJson)));
    }

    [Fact]
    public async Task A_login_a_killed_run_left_is_removed_before_the_next_login()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigJson)!);
        await File.WriteAllTextAsync(ConfigJson, "{\"auths\":{\"old.example:5000\":{\"auth\":\"left by a killed run\"}}}");

        await Chain(new SecretMasker()).DockerAsync();

        Assert.DoesNotContain("left by a killed run", await File.ReadAllTextAsync(ConfigJson));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
