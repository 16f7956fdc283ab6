using System.Text.RegularExpressions;
using Drydock.Engine.Output;

namespace Drydock.Docker;

/// <summary>
/// Provides the image the service is built on, offline if need be: the requested image if the engine has it or can
/// pull it, else an equivalent distroless-style image built from Debian packages (see <see cref="BaseImageRecipe"/>),
/// named by its package versions so it is built once and reused.
/// </summary>
public static partial class BaseImage
{
    /// <param name="workDirectory">Scratch space for the offline build, e.g. <c>&lt;root&gt;/.nuke/temp/base-image</c>.</param>
    /// <param name="requestedImage">Defaults to <c>mcr.microsoft.com/dotnet/runtime-deps:&lt;running .NET major&gt;.0</c>.</param>
    public static async Task<ResolvedBaseImage> EnsureAsync(
        DockerCli docker, IBuildLog log, string workDirectory, string? requestedImage = null, CancellationToken cancellationToken = default)
    {
        // One at a time on this machine: a second build (or test suite) waits, then finds the image the first made
        // instead of building it again in the same work directory.
        using var machineLock = await MachineLock.AcquireAsync("base-image", "the base image", log, cancellationToken);
        return await EnsureHoldingLockAsync(docker, log, workDirectory, requestedImage, cancellationToken);
    }

    private static async Task<ResolvedBaseImage> EnsureHoldingLockAsync(
        DockerCli docker, IBuildLog log, string workDirectory, string? requestedImage, CancellationToken cancellationToken)
    {
        var requested = requestedImage ?? BaseImageRecipe.DefaultRequestedImage(Environment.Version.Major);
        if (await docker.ImageExistsAsync(requested, cancellationToken))
        {
            log.Write(LogLevel.Information, $"Base image {requested} is present locally");
            return new(requested, BaseImageOrigin.Local);
        }

        log.Write(LogLevel.Information, $"Base image {requested} is not present locally; trying to pull it once");
        if (await docker.TryPullAsync(requested, cancellationToken))
        {
            log.Write(LogLevel.Information, $"Pulled base image {requested}");
            return new(requested, BaseImageOrigin.Pulled);
        }

        log.Write(LogLevel.Information, $"Could not pull {requested}; using an equivalent built from Debian packages");
        var missingTools = new[] { "apt-get", "apt-cache", "dpkg-deb" }.Where(tool => HostSystem.FindExecutable(tool) is null).ToArray();
        if (missingTools.Length > 0)
            throw new InvalidOperationException(
                $"{requested} is neither present nor pullable, and building the offline equivalent needs Debian's package tools ({string.Join(", ", missingTools)} not found). "
                + $"Pull it where the registry is reachable (docker pull {requested}), or build on Debian.");
        var apt = new AptGet(docker.Runner, log);
        var listsRefreshed = false;
        var versions = await ResolveVersionsAsync(apt, log, cancellationToken);
        if (versions is null)
        {
            await apt.UpdateAsync(cancellationToken);
            listsRefreshed = true;
            versions = await ResolveVersionsAsync(apt, log, cancellationToken)
                ?? throw new InvalidOperationException("apt knows no installable version of the base image packages, even after apt-get update.");
        }

        while (true)
        {
            var name = BaseImageRecipe.ImageName(requested, versions);
            if (await docker.ImageExistsAsync(name, cancellationToken))
            {
                log.Write(LogLevel.Information, $"Reusing offline base image {name} ({BaseImageRecipe.PackageList(versions)})");
                return new(name, BaseImageOrigin.ReusedOffline);
            }

            var builder = new OfflineBaseImageBuilder(docker, apt, log, workDirectory);
            if (await builder.TryBuildAsync(requested, name, versions, cancellationToken))
                return new(name, BaseImageOrigin.BuiltOffline);
            if (listsRefreshed)
                throw new InvalidOperationException($"Could not download the base image packages ({BaseImageRecipe.PackageList(versions)}), even after apt-get update.");

            // Stale lists name versions the mirror no longer has: refresh once, and the versions (and so the name) may change.
            log.Write(LogLevel.Information, "Package download failed; refreshing the package lists and trying once more");
            await apt.UpdateAsync(cancellationToken);
            listsRefreshed = true;
            versions = await ResolveVersionsAsync(apt, log, cancellationToken)
                ?? throw new InvalidOperationException("apt knows no installable version of the base image packages after apt-get update.");
        }
    }

    /// <summary>The candidate version of each package, with ICU's versioned name taken from apt; null when apt lacks some.</summary>
    internal static async Task<IReadOnlyDictionary<string, string>?> ResolveVersionsAsync(AptGet apt, IBuildLog log, CancellationToken cancellationToken)
    {
        var icu = NewestIcuPackage(await apt.PackageNamesAsync("libicu", cancellationToken));
        if (icu is null)
            return null;
        var versions = await apt.CandidateVersionsAsync(BaseImageRecipe.Packages(icu), cancellationToken);
        if (versions is not null)
            log.Write(LogLevel.Information, $"Base image packages: {BaseImageRecipe.PackageList(versions)}");
        return versions;
    }

    /// <summary><c>libicu72</c> from names like <c>libicu-dev libicu72 libicu4j-java</c>: the runtime library with the highest ABI number.</summary>
    public static string? NewestIcuPackage(IEnumerable<string> packageNames) =>
        packageNames
            .Select(name => IcuRuntime().Match(name.Trim()))
            .Where(match => match.Success)
            .OrderByDescending(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Select(match => match.Value)
            .FirstOrDefault();

    [GeneratedRegex(@"^libicu(\d+)$")]
    private static partial Regex IcuRuntime();
}
