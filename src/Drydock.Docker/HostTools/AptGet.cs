using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Docker;

/// <summary>Debian's package tools through the tool runner: install, resolve candidate versions, download .debs.</summary>
public sealed class AptGet(IToolRunner runner, IBuildLog log)
{
    // Never stop at a debconf question; a build has nobody to answer it.
    private static readonly Dictionary<string, string?> NonInteractive = new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

    public async Task UpdateAsync(CancellationToken cancellationToken = default)
    {
        log.Write(LogLevel.Information, "Refreshing Debian package lists (apt-get update)");
        await runner.RunAsync(new ToolCommand("apt-get", "update") { Environment = NonInteractive }, cancellationToken);
    }

    public async Task InstallAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken = default)
    {
        log.Write(LogLevel.Information, $"Installing Debian packages: {string.Join(' ', packages)}");
        await runner.RunAsync(
            new ToolCommand("apt-get", ["install", "-y", "--no-install-recommends", .. packages]) { Environment = NonInteractive },
            cancellationToken);
    }

    /// <summary>Versions apt would install now (the candidates), or null when apt knows some package by no version.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> CandidateVersionsAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(
            new ToolCommand("apt-cache", ["show", "--no-all-versions", .. packages]) { ThrowOnError = false, EchoOutput = false },
            cancellationToken);
        if (!result.Succeeded)
            return null;
        var versions = AptOutput.ParseVersions(result.StandardOutput);
        return packages.All(versions.ContainsKey) ? versions : null;
    }

    /// <summary>Package names apt knows that start with a prefix (<c>apt-cache pkgnames</c>).</summary>
    public async Task<IReadOnlyList<string>> PackageNamesAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(
            new ToolCommand("apt-cache", "pkgnames", prefix) { ThrowOnError = false, EchoOutput = false },
            cancellationToken);
        return result.Succeeded ? result.StandardOutput.Where(line => line.Length > 0).ToArray() : [];
    }

    /// <summary>Downloads exact versions (<c>name=version</c>) into a directory, without installing; false when apt could not.</summary>
    public async Task<bool> DownloadAsync(string directory, IReadOnlyList<string> pinnedPackages, CancellationToken cancellationToken = default)
    {
        // As root apt drops to the _apt user for downloads, which cannot write into a root-owned work dir.
        var result = await runner.RunAsync(
            new ToolCommand("apt-get", ["download", "-o", "APT::Sandbox::User=root", .. pinnedPackages])
            {
                WorkingDirectory = directory,
                Environment = NonInteractive,
                ThrowOnError = false,
            },
            cancellationToken);
        return result.Succeeded;
    }
}
