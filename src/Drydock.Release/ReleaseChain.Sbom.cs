using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Registry;
using Drydock.Versioning;

namespace Drydock.Release;

/// <summary>The release's SBOM: written next to the image in artifacts/sbom/, labelled by digest, pushed beside it.</summary>
public sealed partial class ReleaseChain
{
    public string SbomDirectory => Path.Combine(settings.ArtifactsDirectory, "sbom");

    private string NuGetSbomPath => Path.Combine(SbomDirectory, Name.Value + ".nuget.cdx.json");

    /// <summary><c>artifacts/sbom/notes-1.2.1-4.cdx.json</c>.</summary>
    public async Task<string> SbomPathAsync(CancellationToken cancellationToken = default) =>
        Path.Combine(SbomDirectory, $"{Name.Value}-{DockerTag.FromVersion((await VersionAsync(cancellationToken)).Version)}.cdx.json");

    /// <summary>Merges the NuGet SBOM of Publish with the base's packages; returns its digest for the image label.</summary>
    private async Task<string> WriteSbomAsync(BuildVersion version, string baseImage, IReadOnlyDictionary<string, string> baseLabels, CancellationToken cancellationToken)
    {
        if (!File.Exists(NuGetSbomPath))
            throw new InvalidOperationException($"{NuGetSbomPath} does not exist: run ./build.sh Publish first (BuildImage depends on it).");
        var runtime = settings.SelfContained ? null : baseLabels.GetValueOrDefault(AspNetBaseRecipe.RuntimeLabel);
        var sbom = ImageSbom.Merge(
            await File.ReadAllTextAsync(NuGetSbomPath, cancellationToken),
            new ImageSbom.Image(Name.Value, version.Version, version.Created, baseImage),
            baseLabels.GetValueOrDefault(BaseImageRecipe.PackagesLabel) ?? string.Empty,
            runtime);
        var path = await SbomPathAsync(cancellationToken);
        await File.WriteAllTextAsync(path, sbom, cancellationToken);
        _sbomDigest = ImageSbom.Digest(sbom);
        log.Write(LogLevel.Information, $"SBOM {Path.GetRelativePath(settings.RootDirectory, path)} ({_sbomDigest})");
        return _sbomDigest;
    }

    /// <summary>Pushes the SBOM as an artifact whose subject is the image, tagged <c>sha256-&lt;hex&gt;.sbom</c>.</summary>
    private async Task PushSbomAsync(PublishedImage published, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(await SbomPathAsync(cancellationToken), cancellationToken);
        var (host, repository) = SplitRepository(published.Repository);
        using var http = RegistryHttp.Create(TimeSpan.FromSeconds(30));
        await new RegistryArtifacts(http, host, Credentials).PushAsync(repository, published.Digest, ImageSbom.TagSuffix, ImageSbom.MediaType, content, cancellationToken);
        log.Write(LogLevel.Information, $"SBOM pushed beside the image as {published.Repository}:{RegistryArtifacts.TagFor(published.Digest, ImageSbom.TagSuffix)}");
    }
}
