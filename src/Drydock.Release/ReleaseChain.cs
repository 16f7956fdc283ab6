using Drydock.Docker;
using Drydock.DotNet;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Packaging;
using Drydock.Registry;
using Drydock.Versioning;

namespace Drydock.Release;

/// <summary>
/// Publish → BuildImage → TagImage → PushImage for one build run. Each answer that several steps need (the version,
/// the registry, what the registry holds) is worked out once and shared. Nothing here overwrites a tag.
/// </summary>
public sealed partial class ReleaseChain(ReleaseSettings settings, IToolRunner runner, IBuildLog log, SecretMasker masker)
{
    private BuildVersion? _version;
    private string? _registry;
    private DockerCli? _docker;
    private IReadOnlyList<PushDecision>? _decisions;
    private string? _sbomDigest;

    public ReleaseSettings Settings => settings;

    public ImageName Name => settings.ImageName is { Length: > 0 } name ? ImageName.Parse(name) : ImageName.FromProjectFile(settings.ProjectPath);

    public string PublishDirectory => Path.Combine(settings.ArtifactsDirectory, "publish", Name.Value);

    public async Task<BuildVersion> VersionAsync(CancellationToken cancellationToken = default)
    {
        if (_version is null)
        {
            _version = await new VersionResolver(runner).ResolveAsync(settings.RootDirectory, settings.AllowDirty, cancellationToken);
            log.Write(LogLevel.Information, $"Version {_version.Version} (commit {_version.Git.ShortSha}{(_version.IsDirty ? ", dirty working tree" : "")})");
        }
        return _version;
    }

    /// <summary>The local, registry-less name BuildImage gives the image, so TagImage finds it even in a later run.</summary>
    public async Task<string> LocalReferenceAsync(CancellationToken cancellationToken = default) =>
        $"{Name.Value}:{DockerTag.FromVersion((await VersionAsync(cancellationToken)).Version)}";

    public async Task<ImageTags> TagsAsync(CancellationToken cancellationToken = default) =>
        ImageTags.For(await RegistryAsync(cancellationToken), Name.Value, await VersionAsync(cancellationToken));

    /// <summary>
    /// True when every tag of this version already holds this commit's image: a re-run has nothing to build or push.
    /// Asked while the build is planned, before its requirements are checked, so it starts nothing: an embedded registry
    /// that does not run holds nothing (the chain starts it when it pushes).
    /// </summary>
    public async Task<bool> IsAlreadyPublishedAsync(CancellationToken cancellationToken = default) =>
        (settings.Registry is { Length: > 0 } || _registry is not null || await LocalRegistry.AnswersAsync(LocalRegistry.DefaultAddress, cancellationToken))
        && (await DecideAsync(cancellationToken)).All(d => d.Action == PushAction.AlreadyPublished);

    public async Task PublishAsync(CancellationToken cancellationToken = default)
    {
        if (settings.Conflict is { } conflict)
            throw new InvalidOperationException(conflict + " Nothing was published or pushed.");
        ProjectFile.EnsureShippable(settings.ProjectPath);
        var version = await VersionAsync(cancellationToken);
        await DecideAsync(cancellationToken); // a tag that belongs to another commit fails the build now, not after the image is built
        if (Directory.Exists(PublishDirectory))
            Directory.Delete(PublishDirectory, recursive: true);
        var runtime = await RuntimeAsync(cancellationToken);
        log.Write(LogLevel.Information, $"Publishing {settings.ProjectLabel} {version.Version} for {runtime.Framework} {(runtime.SelfContained ? "self-contained" : "framework-dependent")} to {Path.GetRelativePath(settings.RootDirectory, PublishDirectory)}");
        await runner.RunAsync(DotNetCommands.Publish(settings.ProjectPath, settings.Configuration, PublishDirectory, version.Version, version.InformationalVersion, runtime.SelfContained)
            .ForFramework(runtime.Framework), cancellationToken);
        if (ProjectFile.OwnDockerfile(settings.ProjectPath) is null)
        {
            // The generated Dockerfile copies this folder to /data with the app user as owner (no shell to mkdir it).
            Directory.CreateDirectory(Path.Combine(PublishDirectory, "data"));
            await File.WriteAllTextAsync(Path.Combine(PublishDirectory, "data", ".keep"), string.Empty, cancellationToken);
        }
        // Equal files get equal times, so an unchanged app gives byte-identical (and so already pushed) layers.
        PublishOutput.SetFileTimes(PublishDirectory, PublishOutput.FileTime);
        await new SbomTool(runner, log, settings.TemporaryDirectory).WriteNuGetBomAsync(settings.ProjectPath, NuGetSbomPath, cancellationToken);
    }

    public async Task BuildImageAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(PublishDirectory))
            throw new InvalidOperationException($"{PublishDirectory} does not exist: run ./build.sh Publish first (BuildImage depends on it).");
        var version = await VersionAsync(cancellationToken);
        if (settings.ImageBuilder == ImageBuilderKind.Sdk && settings.BaseImage is { Length: > 0 } registryBase)
        {
            // Daemonless from start to end: the base is read from its registry, nothing asks for a Docker engine.
            var labelsInRegistry = await RegistryLabelsAsync(registryBase, cancellationToken);
            var sbom = await WriteSbomAsync(version, registryBase, labelsInRegistry, cancellationToken);
            await BuildWithSdkAsync(null, registryBase, ImageLabels.For(version, await SourceAsync(cancellationToken), settings.ProjectLabel, sbom), version, cancellationToken);
            return;
        }
        var docker = await DockerAsync(cancellationToken);
        var baseImage = await new ReleaseBase(settings, runner, log).EnsureAsync(docker, await RuntimeAsync(cancellationToken), cancellationToken);
        var baseLabels = (await docker.InspectImageAsync(baseImage.Reference, cancellationToken))?.Labels ?? new Dictionary<string, string>();
        var sbomDigest = await WriteSbomAsync(version, baseImage.Reference, baseLabels, cancellationToken);
        var source = await SourceAsync(cancellationToken);
        var labels = ImageLabels.For(version, source, settings.ProjectLabel, sbomDigest);
        if (settings.ImageBuilder == ImageBuilderKind.Sdk)
        {
            await BuildWithSdkAsync(docker, baseImage.Reference, labels, version, cancellationToken);
            return;
        }

        var dockerfile = ProjectFile.OwnDockerfile(settings.ProjectPath) ?? GenerateDockerfile();
        var reference = await LocalReferenceAsync(cancellationToken);
        log.Write(LogLevel.Information, $"Building {reference} on {baseImage.Reference} from {Path.GetRelativePath(settings.RootDirectory, dockerfile)}");
        var id = await docker.BuildAsync(new DockerBuildSettings(PublishDirectory)
        {
            File = dockerfile,
            Tags = [reference],
            BuildArgs = ImageLabels.BuildArgs(version, source, baseImage.Reference),
            Labels = labels,
        }, cancellationToken);
        log.Write(LogLevel.Information, $"Built {reference} ({id})");
    }

    public async Task TagImageAsync(CancellationToken cancellationToken = default)
    {
        if (settings.ImageBuilder == ImageBuilderKind.Sdk)
        {
            log.Write(LogLevel.Information, "The SDK container builder pushed the tags itself: nothing to tag locally");
            return;
        }
        var docker = await DockerAsync(cancellationToken);
        var local = await LocalReferenceAsync(cancellationToken);
        if (!await docker.ImageExistsAsync(local, cancellationToken))
            throw new InvalidOperationException($"There is no image {local} to tag: run ./build.sh BuildImage first (TagImage depends on it).");
        foreach (var reference in (await TagsAsync(cancellationToken)).All)
        {
            await docker.TagAsync(local, reference, cancellationToken);
            log.Write(LogLevel.Information, $"Tagged {reference}");
        }
    }

    /// <summary>Pushes what the registry lacks, reuses what it already holds from this commit, refuses to move a tag; writes artifacts/image.json.</summary>
    public async Task<PublishedImage> PushImageAsync(CancellationToken cancellationToken = default)
    {
        var version = await VersionAsync(cancellationToken);
        var tags = await TagsAsync(cancellationToken);
        _decisions = null; // ask again right before pushing: the registry is the authority, not what it said minutes ago
        var decisions = await DecideAsync(cancellationToken);
        if (settings.ImageBuilder == ImageBuilderKind.Sdk && decisions.Any(d => d.Action == PushAction.Push))
            throw new InvalidOperationException($"The SDK container builder did not push {string.Join(", ", decisions.Where(d => d.Action == PushAction.Push).Select(d => d.Reference))}: run ./build.sh BuildImage --image-builder sdk first (PushImage depends on it).");
        var digests = new List<string>();
        foreach (var decision in decisions)
        {
            log.Write(LogLevel.Information, decision.Explanation);
            digests.Add(decision.Action == PushAction.AlreadyPublished
                ? decision.ExistingDigest!
                : (await (await DockerAsync(cancellationToken)).PushAsync(decision.Reference, cancellationToken)).Digest);
        }
        if (digests.Distinct().Count() > 1)
            throw new InvalidOperationException($"The tags of {version.Version} name different images ({string.Join(", ", decisions.Select((d, i) => $"{d.Reference} = {digests[i]}"))}). Nothing was overwritten; remove the stray tag from the registry by hand and run again.");

        var published = new PublishedImage(Name.Value, tags.Repository, [tags.VersionTag, tags.CommitTag], digests[0], version.Version, version.Revision, version.Created);
        published.Write(settings.ImageManifestPath);
        log.Write(LogLevel.Information, $"Published {published.Reference} ({Path.GetRelativePath(settings.RootDirectory, settings.ImageManifestPath)})");
        if (_sbomDigest is not null)
            await PushSbomAsync(published, cancellationToken);
        return published;
    }

    private string GenerateDockerfile()
    {
        var path = Path.Combine(settings.ArtifactsDirectory, "publish", Name.Value + ".Dockerfile");
        File.WriteAllText(path, DockerfileTemplate.Render(ProjectFile.AssemblyName(settings.ProjectPath), settings.HealthPath));
        log.Write(LogLevel.Information, $"{Path.GetFileName(settings.ProjectPath)} has no Dockerfile: generated {Path.GetRelativePath(settings.RootDirectory, path)}");
        return path;
    }

    /// <summary>The repository's origin URL for the source label; empty for a clone without one.</summary>
    private async Task<string> SourceAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new ToolCommand("git", "-C", settings.RootDirectory, "remote", "get-url", "origin") { ThrowOnError = false, EchoOutput = false }, cancellationToken);
        return result.Succeeded ? result.Output.Trim() : string.Empty;
    }
}
