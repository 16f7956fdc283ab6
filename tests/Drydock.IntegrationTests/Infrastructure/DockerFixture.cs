using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Registry;

namespace Drydock.IntegrationTests;

/// <summary>
/// Once per run: a docker engine (started if it is not running; never skipped), the offline base image, the probe
/// program published and built into an image on it, and an anonymous registry on a free port. Everything this run
/// creates carries <see cref="RunLabel"/>=<see cref="RunId"/> or is tracked, and is removed at the end; the base
/// image stays, because it is a deterministic cache the build reuses.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public const string RunLabel = "dev.drydock.test.run";

    private readonly List<string> _images = [];
    private readonly List<string> _networks = [];

    /// <summary>A unique prefix for every name this run gives (images, containers, volumes, networks).</summary>
    public string RunId { get; } = "drydock-it-" + Guid.NewGuid().ToString("N")[..8];

    public CapturingBuildLog SetupLog { get; } = new();

    /// <summary>Scratch space for this run (contexts, registries); deleted at the end.</summary>
    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "drydock-it-" + Guid.NewGuid().ToString("N")[..8]);

    public DockerVersion Version { get; private set; } = null!;

    public ResolvedBaseImage BaseImage { get; private set; } = null!;

    public string ProbeImage => $"{RunId}/probe:1";

    public string ProbeImageId { get; private set; } = string.Empty;

    public string ProbeRevision { get; } = Guid.NewGuid().ToString("N");

    public LocalRegistryInstance Registry { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Labels => new Dictionary<string, string> { [RunLabel] = RunId };

    public DockerCli CreateDocker(IBuildLog log, SecretMasker? masker = null, string? configDirectory = null)
    {
        masker ??= new SecretMasker();
        return new DockerCli(new ProcessToolRunner(log, masker)) { Masker = masker, ConfigDirectory = configDirectory };
    }

    public void TrackImage(string reference) => _images.Add(reference);

    public void TrackNetwork(string name) => _networks.Add(name);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        var docker = CreateDocker(SetupLog);

        // No skipping: without an engine (and none can be started) this throws, and every test in the suite fails.
        Version = await DockerEngine.EnsureAvailableAsync(docker, SetupLog, RepositoryRoot.Temp("dockerd.log"));
        BaseImage = await Drydock.Docker.BaseImage.EnsureAsync(docker, SetupLog, RepositoryRoot.Temp("base-image"));

        var context = Directory.CreateDirectory(Path.Combine(WorkDirectory, "probe-context")).FullName;
        await PublishProbeAsync(docker.Runner, Path.Combine(context, "app"));
        // The base has no shell, so no RUN mkdir/chown: an empty directory copied with --chown makes /data the app's.
        Directory.CreateDirectory(Path.Combine(context, "data"));
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"),
            $"""
            FROM {BaseImage.Reference}
            COPY --chown=1654:1654 data/ /data/
            COPY app/ /app/
            HEALTHCHECK --interval=2s --timeout=3s --retries=3 CMD ["/app/probe", "health"]
            ENTRYPOINT ["/app/probe"]
            """);
        TrackImage(ProbeImage);
        ProbeImageId = await docker.BuildAsync(new DockerBuildSettings(context)
        {
            Tags = [ProbeImage],
            Labels = new Dictionary<string, string>(Labels) { ["org.opencontainers.image.revision"] = ProbeRevision },
        });

        Registry = await LocalRegistry.EnsureRunningAsync(
            new LocalRegistryOptions(Path.Combine(WorkDirectory, "registry")) { Address = $"127.0.0.1:{FreePort.Next()}" },
            docker.Runner, SetupLog);
    }

    public async Task DisposeAsync()
    {
        var docker = CreateDocker(new CapturingBuildLog());
        await Quietly(async () =>
        {
            var containers = await docker.PsAsync(new DockerPsSettings { LabelFilters = [$"{RunLabel}={RunId}"] });
            if (containers.Count > 0)
                await docker.RemoveContainersAsync(new DockerRmSettings(containers.Select(c => c.Id).ToArray()) { Force = true, Volumes = true });
        });
        await Quietly(async () =>
        {
            var volumes = await docker.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = [$"{RunLabel}={RunId}"] });
            if (volumes.Count > 0)
                await docker.RemoveVolumesAsync(new DockerVolumeRmSettings(volumes.Select(v => v.Name).ToArray()) { Force = true });
        });
        foreach (var network in _networks)
            await docker.ExecuteAsync(new DockerNetworkRmSettings(network), throwOnError: false);
        foreach (var image in _images)
            await docker.ExecuteAsync(new DockerImageRmSettings(image) { Force = true }, throwOnError: false);
        if (Registry is not null)
            await Registry.StopAsync();
        await Quietly(() =>
        {
            Directory.Delete(WorkDirectory, recursive: true);
            return Task.CompletedTask;
        });
    }

    /// <summary>Publishes the probe self-contained, so the image needs nothing but the base's libraries.</summary>
    private static async Task PublishProbeAsync(IToolRunner runner, string output)
    {
        var project = Path.Combine(RepositoryRoot.Path, "tests", "Drydock.IntegrationTests", "ProbeApp", "ProbeApp.csproj");
        // No MSBuild node reuse or compiler server: nothing of ours should outlive the test run.
        await runner.RunAsync(new ToolCommand("dotnet", "publish", project, "-c", "Release", "-o", output, "-nodeReuse:false", "-p:UseSharedCompilation=false")
        {
            EchoOutput = false,
        });
    }

    private static async Task Quietly(Func<Task> cleanup)
    {
        try
        {
            await cleanup();
        }
        catch (Exception)
        {
            // Cleanup is best effort; a failure here must not hide the test results.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "docker";
}
