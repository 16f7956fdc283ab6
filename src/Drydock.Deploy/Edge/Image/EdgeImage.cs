using System.Text.Json;
using Drydock.Docker;
using Drydock.DotNet;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The edge image, <c>drydock/edge:&lt;version&gt;-&lt;content hash&gt;</c>: built by Drydock's own pipeline (self-contained
/// publish of src/Drydock.Edge, its Dockerfile, the same offline base image as the apps), so it needs no registry and
/// no pull. Never tagged <c>latest</c>; a tag names one set of inputs (see <see cref="EdgeImageSource"/>).
/// </summary>
public static class EdgeImage
{
    public const string Repository = "drydock/edge";

    public static string Reference(string version, string contentHash) => $"{Repository}:{version}-{contentHash}";

    /// <summary>The reference of the edge image for these sources and base, built now if the engine lacks it.</summary>
    /// <param name="baseImage">
    /// The base the apps use (<see cref="BaseImage.EnsureAsync"/>). When null, an edge image already built from these
    /// sources is reused whatever its base (one <c>docker image ls</c>, so a deploy that changes nothing stays fast), and
    /// only when there is none is the base resolved (which asks apt, about a second here) and the image built.
    /// </param>
    /// <param name="workDirectory">Scratch space, e.g. <c>&lt;root&gt;/.nuke/temp</c>.</param>
    public static async Task<string> EnsureAsync(
        DockerCli docker, IBuildLog log, EdgeImageSource source, string workDirectory, string? baseImage = null, CancellationToken cancellationToken = default)
    {
        if (baseImage is null && await FindBySourcesAsync(docker, source.SourceHash(), cancellationToken) is { } built)
        {
            log.Write(LogLevel.Debug, $"Edge image {built} matches the edge's sources");
            return built;
        }
        baseImage ??= (await BaseImage.EnsureAsync(docker, log, Path.Combine(workDirectory, "base-image"), cancellationToken: cancellationToken)).Reference;
        var version = source.Version();
        var hash = source.ContentHash(baseImage);
        var reference = Reference(version, hash);
        // One build at a time on this machine: another waits, then finds the image (and never shares the publish directory).
        using var machineLock = await MachineLock.AcquireAsync("edge-image", "the edge image", log, cancellationToken);
        if (await docker.ImageExistsAsync(reference, cancellationToken))
        {
            log.Write(LogLevel.Debug, $"Edge image {reference} is present");
            return reference;
        }

        var publish = Path.Combine(workDirectory, "edge-publish-" + hash);
        if (Directory.Exists(publish))
            Directory.Delete(publish, recursive: true);
        try
        {
            log.Write(LogLevel.Information, $"Building edge image {reference} on {baseImage}");
            await docker.Runner.RunAsync(
                DotNetCommands.Publish(source.ProjectFile, "Release", publish, version, $"{version}+{hash}") with { EchoOutput = false },
                cancellationToken);
            var id = await docker.BuildAsync(new DockerBuildSettings(publish)
            {
                File = source.Dockerfile,
                Tags = [reference],
                BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = baseImage, ["VERSION"] = version, ["REVISION"] = hash },
                Labels = new Dictionary<string, string> { [EdgeLabels.ContentHash] = hash, [EdgeLabels.SourceHash] = source.SourceHash(), [EdgeLabels.BaseImage] = baseImage },
            }, cancellationToken);
            log.Write(LogLevel.Information, $"Built edge image {reference} ({id})");
            return reference;
        }
        finally
        {
            if (Directory.Exists(publish))
                Directory.Delete(publish, recursive: true);
        }
    }

    /// <summary>The image a running edge was made from, when it was built from these sources (its labels say so); else null.</summary>
    public static string? RunningFromSources(ContainerState edge, EdgeImageSource source) =>
        edge.Labels.GetValueOrDefault(EdgeLabels.SourceHash) == source.SourceHash() && edge.ConfiguredImage.StartsWith(Repository + ":", StringComparison.Ordinal)
            ? edge.ConfiguredImage
            : null;

    /// <summary>The newest local edge image built from sources with this hash; null when there is none.</summary>
    public static async Task<string?> FindBySourcesAsync(DockerCli docker, string sourceHash, CancellationToken cancellationToken = default)
    {
        var result = await docker.ExecuteAsync(new DockerImageListSettings([$"{EdgeLabels.SourceHash}={sourceHash}"]), echoOutput: false, cancellationToken: cancellationToken);
        return result.StandardOutput
            .Where(line => line.TrimStart().StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(image => (Repository: image.GetProperty("Repository").GetString(), Tag: image.GetProperty("Tag").GetString(), Created: image.GetProperty("CreatedAt").GetString()))
            .Where(image => image.Repository == Repository && image.Tag is { Length: > 0 } and not "<none>")
            .OrderByDescending(image => image.Created, StringComparer.Ordinal)
            .Select(image => $"{image.Repository}:{image.Tag}")
            .FirstOrDefault();
    }
}
