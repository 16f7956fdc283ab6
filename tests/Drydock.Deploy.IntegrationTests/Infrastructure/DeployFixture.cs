using System.Diagnostics;
using System.Security.Cryptography;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Registry;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// Once per run: a docker engine (never skipped: none is a failure), the base image, a registry of our own on a free
/// port, and the real Notes service published twice (1.0.0 and 2.0.0) and built into three pushed images: v1, v2, and
/// v3 (v2's bits labelled 3.0.0, deployed with a health path that 404s). Tests get their own app names, ports and
/// volumes from <see cref="TestEnvironment"/>.
/// </summary>
public sealed class DeployFixture : IAsyncLifetime
{
    private readonly List<string> _tags = [];

    public string RunId { get; } = "ddit" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    public CapturingBuildLog SetupLog { get; } = new();

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "drydock-deploy-it-" + Guid.NewGuid().ToString("N")[..8]);

    public LocalRegistryInstance Registry { get; private set; } = null!;

    public string Repository => $"{Registry.Address}/{RunId}/notes";

    public NotesImage V1 { get; private set; } = null!;

    public NotesImage V2 { get; private set; } = null!;

    /// <summary>Healthy as an image; deployed with a health path that answers 404, so it never becomes healthy.</summary>
    public NotesImage V3 { get; private set; } = null!;

    public TimeSpan SetupTime { get; private set; }

    /// <summary>The base image the Notes images and the edge image are built on.</summary>
    public string BaseImageReference { get; private set; } = null!;

    /// <summary>How the edge strategy finds (or builds, once per change to src/Drydock.Edge) the edge image.</summary>
    public EdgeStrategyOptions Edge => new(RepositoryRoot.Path) { WorkDirectory = RepositoryRoot.Temp(), BaseImage = BaseImageReference };

    public DockerCli CreateDocker(IBuildLog log, SecretMasker? masker = null)
    {
        masker ??= new SecretMasker();
        return new DockerCli(new ProcessToolRunner(log, masker)) { Masker = masker };
    }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(WorkDirectory);
        var docker = CreateDocker(SetupLog);
        await DockerEngine.EnsureAvailableAsync(docker, SetupLog, RepositoryRoot.Temp("dockerd.log"));
        var baseImage = await BaseImage.EnsureAsync(docker, SetupLog, RepositoryRoot.Temp("base-image"));
        BaseImageReference = baseImage.Reference;
        // Built here once (kept afterwards, as Deploy keeps it), so no test's deploy pays for it.
        await EdgeImage.EnsureAsync(docker, SetupLog, new EdgeImageSource(RepositoryRoot.Path), RepositoryRoot.Temp(), baseImage.Reference);
        Registry = await LocalRegistry.EnsureRunningAsync(
            new LocalRegistryOptions(Path.Combine(WorkDirectory, "registry")) { Address = $"127.0.0.1:{FreePort.Next()}" }, docker.Runner, SetupLog);

        var v1Bits = await PublishNotesAsync(docker.Runner, "1.0.0", Commit());
        var v2Bits = await PublishNotesAsync(docker.Runner, "2.0.0", Commit());
        V1 = await BuildAndPushAsync(docker, baseImage, v1Bits.Directory, "1.0.0", v1Bits.Commit);
        V2 = await BuildAndPushAsync(docker, baseImage, v2Bits.Directory, "2.0.0", v2Bits.Commit);
        V3 = await BuildAndPushAsync(docker, baseImage, v2Bits.Directory, "3.0.0", v2Bits.Commit);
        SetupTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        var docker = CreateDocker(new CapturingBuildLog());
        // By tag and by digest: a test may have removed the tag and pulled the image back by digest.
        foreach (var image in new[] { V1, V2, V3 }.OfType<NotesImage>())
            await docker.ExecuteAsync(new DockerImageRmSettings($"{image.Repository}@{image.Digest}") { Force = true }, throwOnError: false);
        foreach (var tag in _tags)
            await docker.ExecuteAsync(new DockerImageRmSettings(tag) { Force = true }, throwOnError: false);
        if (Registry is not null)
            await Registry.StopAsync();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not hide the test results.
        }
    }

    /// <summary>
    /// Self-contained publish, stamped as the build stamps it. Intermediate files go to a folder of this suite's own
    /// (kept under .nuke/temp, so the second version and later runs are incremental), not to src/Notes/obj, which other
    /// builds of the service use.
    /// </summary>
    private async Task<(string Directory, string Commit)> PublishNotesAsync(IToolRunner runner, string version, string commit)
    {
        var output = Path.Combine(WorkDirectory, "notes-" + version);
        var project = Path.Combine(RepositoryRoot.Path, "src", "Notes", "Notes.csproj");
        await runner.RunAsync(new ToolCommand("dotnet", "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained",
            "-o", output, "--artifacts-path", RepositoryRoot.Temp("deploy-it", "notes-artifacts"),
            $"-p:Version={version}", $"-p:InformationalVersion={version}+{commit}", "-nodeReuse:false", "-p:UseSharedCompilation=false")
        {
            EchoOutput = false,
        });
        return (output, commit);
    }

    private async Task<NotesImage> BuildAndPushAsync(DockerCli docker, ResolvedBaseImage baseImage, string context, string version, string commit)
    {
        var tag = $"{Repository}:{version}";
        _tags.Add(tag);
        await docker.BuildAsync(new DockerBuildSettings(context)
        {
            File = Path.Combine(RepositoryRoot.Path, "src", "Notes", "Dockerfile"),
            Tags = [tag],
            BuildArgs = new Dictionary<string, string>
            {
                ["BASE_IMAGE"] = baseImage.Reference,
                ["VERSION"] = version,
                ["REVISION"] = commit,
                ["SOURCE"] = "https://example.invalid/drydock",
                ["CREATED"] = "2025-01-01T00:00:00Z",
            },
            Labels = new Dictionary<string, string> { ["dev.drydock.test.run"] = RunId },
        });
        var pushed = await docker.PushAsync(tag);
        return new NotesImage(version, commit, Repository, pushed.Digest);
    }

    private static string Commit() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}

[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<DeployFixture>
{
    public const string Name = "deploy";
}
