using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Docker;

/// <summary>Downloads the recipe's .debs, extracts them into a rootfs, completes it, and imports it as an image.</summary>
internal sealed class OfflineBaseImageBuilder(DockerCli docker, AptGet apt, IBuildLog log, string workDirectory)
{
    /// <summary>False only when the packages could not be downloaded (the caller may refresh the lists); throws on anything else.</summary>
    public async Task<bool> TryBuildAsync(string requested, string name, IReadOnlyDictionary<string, string> versions, CancellationToken cancellationToken)
    {
        // Per process, so two builds on one machine never share a half-extracted rootfs.
        var work = Path.Combine(Path.GetFullPath(workDirectory), $"{ImageReference.Parse(name).Tag}-{Environment.ProcessId}");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        var debs = Directory.CreateDirectory(Path.Combine(work, "debs")).FullName;
        var rootfs = Directory.CreateDirectory(Path.Combine(work, "rootfs")).FullName;

        log.Write(LogLevel.Information, $"Building offline base image {name} in {work}");
        log.Write(LogLevel.Information, $"Downloading {versions.Count} packages (apt-get download)");
        var pinned = versions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").ToArray();
        if (!await apt.DownloadAsync(debs, pinned, cancellationToken))
            return false;

        foreach (var deb in Directory.GetFiles(debs, "*.deb").Order(StringComparer.Ordinal))
        {
            await VerifyPackageAsync(deb, versions, cancellationToken);
            log.Write(LogLevel.Information, $"Extracting {Path.GetFileName(deb)}");
            await docker.Runner.RunAsync(new ToolCommand("dpkg-deb", "-x", deb, rootfs) { EchoOutput = false }, cancellationToken);
        }

        log.Write(LogLevel.Information, "Completing the rootfs: users root and app (1654), /tmp, /home/app, CA bundle; checking for no shell");
        RootfsLayout.Complete(rootfs);

        var tarball = Path.Combine(work, "rootfs.tar");
        log.Write(LogLevel.Information, "Writing the rootfs tarball");
        await RootfsArchive.WriteAsync(rootfs, tarball, new Dictionary<string, int> { ["home/app"] = BaseImageRecipe.AppUid }, cancellationToken);

        log.Write(LogLevel.Information, $"Importing {name} (docker import)");
        var id = await docker.ImportAsync(
            new DockerImportSettings(tarball)
            {
                Reference = name,
                Changes = BaseImageRecipe.ImageChanges(requested, versions),
                Message = $"Drydock offline equivalent of {requested}",
            },
            cancellationToken);
        log.Write(LogLevel.Information, $"Built offline base image {name} ({id})");

        Directory.Delete(work, recursive: true);
        return true;
    }

    /// <summary>Checks a downloaded .deb is the package and version the image name was derived from.</summary>
    private async Task VerifyPackageAsync(string deb, IReadOnlyDictionary<string, string> versions, CancellationToken cancellationToken)
    {
        var fields = await docker.Runner.RunAsync(new ToolCommand("dpkg-deb", "--field", deb, "Package", "Version") { EchoOutput = false }, cancellationToken);
        var found = AptOutput.ParseVersions(fields.StandardOutput);
        if (found.Count != 1)
            throw new InvalidOperationException($"Could not read the package name and version of {deb}.");
        var (package, version) = found.Single();
        if (!versions.TryGetValue(package, out var expected) || expected != version)
            throw new InvalidOperationException($"Downloaded {package}={version}, but the base image was to contain {package}={expected ?? "(nothing)"}.");
    }
}
