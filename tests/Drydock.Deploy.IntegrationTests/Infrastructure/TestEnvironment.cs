using System.Security.Cryptography;
using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// One test's own world: a unique app name (so its containers, volumes, lock and state are its own), a free host
/// port, a capturing log, and cleanup of everything labelled with that app when disposed.
/// </summary>
public sealed class TestEnvironment : IAsyncDisposable
{
    public const string SecretName = "NOTES_IT_SECRET";

    /// <param name="app">Another environment of an existing test's app (several environments on one host); default: an app of its own.</param>
    /// <param name="port">The environment's host port; default: a free one the OS picks.</param>
    public TestEnvironment(DeployFixture fixture, ITestOutputHelper output, string environment = "it", DeployStrategyKind strategy = DeployStrategyKind.Edge, string? app = null, int? port = null)
    {
        Strategy = strategy;
        Fixture = fixture;
        Log = new CapturingBuildLog(output);
        Masker = new SecretMasker();
        Docker = fixture.CreateDocker(Log, Masker);
        App = app ?? "notes" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        Environment = environment;
        Port = port ?? FreePort.Next();
        SecretValue = "s3cr3t-" + Guid.NewGuid().ToString("N");
    }

    public DeployFixture Fixture { get; }

    public DeployStrategyKind Strategy { get; }

    public CapturingBuildLog Log { get; }

    public SecretMasker Masker { get; }

    public DockerCli Docker { get; }

    public string App { get; }

    public string Environment { get; }

    public EnvironmentId Id => new(App, Environment);

    public int Port { get; }

    public string SecretValue { get; }

    public NotesClient Notes => new(Port);

    /// <summary>Hardened defaults, a fast HEALTHCHECK interval (the image's is 10s), a secret and a plain variable.</summary>
    public EnvironmentConfig Config => new EnvironmentConfig
    {
        Strategy = Strategy,
        HostPort = Port,
        HealthCheck = new HealthCheckTiming { Interval = TimeSpan.FromSeconds(1), StartPeriod = TimeSpan.FromSeconds(30) },
        DeployTimeout = TimeSpan.FromSeconds(60),
        DrainTimeout = TimeSpan.FromSeconds(10),
        KeepReleases = 1,
        SecretEnv = [SecretName],
    }.WithEnv(["GREETING=hello from the environment"]);

    public ReleaseManager Manager() =>
        new(Docker, Log, new ReleaseManagerOptions
        {
            ReadEnvironment = name => name == SecretName ? SecretValue : System.Environment.GetEnvironmentVariable(name),
            Tags = new RegistryReleaseTags(new HttpClient(), Log),
            Edge = Fixture.Edge,
        });

    public DeployRequest Request(NotesImage image, EnvironmentConfig? config = null) =>
        new(App, image.Repository, image.Digest, image.Version) { Commit = image.Commit, Environment = Environment, Config = config ?? Config };

    public RollbackRequest Rollback(string? toVersion = null) =>
        new(App) { Environment = Environment, ToVersion = toVersion, Repository = Fixture.Repository, Config = Config };

    public async Task<IReadOnlyList<ContainerState>> ContainersAsync(ContainerRole? role = null) =>
        await new EnvironmentContainers(Docker).ListAsync(Id, role, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        var quiet = Fixture.CreateDocker(new CapturingBuildLog());
        var containers = await quiet.PsAsync(new DockerPsSettings { LabelFilters = [$"{ReleaseLabels.App}={App}"] });
        if (containers.Count > 0)
            await quiet.ExecuteAsync(new DockerRmSettings(containers.Select(c => c.Id).ToArray()) { Force = true, Volumes = true }, throwOnError: false);
        // The edge's network (the edge container and its state volume carry the app label and went above).
        await quiet.ExecuteAsync(new DockerNetworkRmSettings(Id.Network), throwOnError: false);
        var volumes = await quiet.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = [$"{ReleaseLabels.App}={App}"] });
        if (volumes.Count > 0)
            await quiet.ExecuteAsync(new DockerVolumeRmSettings(volumes.Select(v => v.Name).ToArray()) { Force = true }, throwOnError: false);
    }
}
