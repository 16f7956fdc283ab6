using System.Reflection;

namespace Drydock.Versioning;

/// <summary>
/// Finds the GitVersion CLI that restore downloaded (GitVersion.MsBuild's tools/netX.0/gitversion.dll).
/// Looks first where this assembly's build saw the NuGet cache, then where NuGet puts it on this machine,
/// so a build copied to another machine or a changed NUGET_PACKAGES still works after a restore there.
/// </summary>
public sealed class GitVersionLocator
{
    private const string PackageId = "gitversion.msbuild";

    private readonly IReadOnlyList<string> _packageRoots;

    public GitVersionLocator()
        : this(DefaultPackageRoots())
    {
    }

    internal GitVersionLocator(IReadOnlyList<string> packageRoots, string? version = null)
    {
        _packageRoots = packageRoots;
        Version = version ?? StampedMetadata("GitVersionPackageVersion")
            ?? throw new InvalidOperationException("Drydock.Versioning was built without its GitVersionPackageVersion stamp.");
    }

    /// <summary>The GitVersion.MsBuild version this build pins.</summary>
    public string Version { get; }

    public string Locate()
    {
        var candidates = _packageRoots.Select(root => Path.GetFullPath(Path.Combine(root, PackageId, Version, "tools"))).Distinct().ToList();
        foreach (var tools in candidates.Where(Directory.Exists))
        {
            var dll = PreferredFramework(tools);
            if (dll is not null)
                return dll;
        }

        throw new VersioningException(
            $"GitVersion {Version} is not in the NuGet package cache (looked in: {string.Join(", ", candidates)}). "
            + "Run 'dotnet restore' on the build project: it downloads GitVersion.MsBuild " + Version + " with a PackageDownload.");
    }

    // The folder for the running runtime first, then the newest other one (rolled forward when started).
    private static string? PreferredFramework(string tools)
    {
        var current = Path.Combine(tools, $"net{Environment.Version.Major}.0", "gitversion.dll");
        if (File.Exists(current))
            return current;
        return Directory.EnumerateDirectories(tools, "net*")
            .Select(dir => Path.Combine(dir, "gitversion.dll"))
            .Where(File.Exists)
            .OrderByDescending(path => System.Version.TryParse(Path.GetFileName(Path.GetDirectoryName(path))![3..], out var v) ? v : new Version())
            .FirstOrDefault();
    }

    private static IReadOnlyList<string> DefaultPackageRoots()
    {
        var roots = new List<string>();
        if (StampedMetadata("GitVersionPackageRoot") is { Length: > 0 } stamped)
            roots.Add(stamped);
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured)
            roots.Add(configured);
        roots.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        return roots;
    }

    private static string? StampedMetadata(string key) =>
        typeof(GitVersionLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value;
}
