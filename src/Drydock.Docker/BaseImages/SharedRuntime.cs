using System.Text.RegularExpressions;

namespace Drydock.Docker;

/// <summary>
/// An ASP.NET Core shared runtime on this machine: the SDK's install root (its <c>dotnet</c> host and resolver, which
/// run older frameworks too) and the version of the two frameworks, by default the ones the SDK bundles
/// (<c>BundledNETCoreAppPackageVersion</c>), else those of the runtime packs (<see cref="FromPacks"/>).
/// </summary>
public sealed partial record SharedRuntime(string Root, string Version)
{
    public static readonly IReadOnlyList<string> Frameworks = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"];

    /// <summary>The host resolver of the SDK; a framework folder holds only the framework's own files.</summary>
    public const string HostResolverFile = "libhostfxr.so";

    /// <summary>Per framework, the folders whose files make <c>shared/&lt;framework&gt;/&lt;version&gt;</c>; null: the SDK's own.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FrameworkFolders { get; init; }

    /// <summary>
    /// The frameworks from runtime packs (<c>runtimes/linux-x64/lib/netN.0</c> and <c>native</c>): what the installed
    /// framework holds, less the pack's own resolver.
    /// </summary>
    public static SharedRuntime FromPacks(string root, string version, IReadOnlyDictionary<string, string> packFolders)
    {
        var folders = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var framework in Frameworks)
        {
            var pack = Path.Combine(packFolders.GetValueOrDefault(framework) ?? throw new InvalidOperationException($"No runtime pack of {framework} {version} was restored."), "runtimes", "linux-x64");
            var lib = Directory.Exists(Path.Combine(pack, "lib")) ? Directory.GetDirectories(Path.Combine(pack, "lib")) : [];
            if (lib.Length != 1)
                throw new InvalidOperationException($"The runtime pack {pack} has no single lib/<framework> folder; delete it from the NuGet cache and build again.");
            folders[framework] = Directory.Exists(Path.Combine(pack, "native")) ? [lib[0], Path.Combine(pack, "native")] : [lib[0]];
        }
        return new SharedRuntime(root, version) { FrameworkFolders = folders };
    }

    /// <summary>The folders of one framework, absolute.</summary>
    public IReadOnlyList<string> FoldersOf(string framework) =>
        FrameworkFolders?.GetValueOrDefault(framework) ?? [Path.Combine(Root, "shared", framework, Version)];

    /// <summary>The host resolver's folder, relative to the root.</summary>
    public string HostResolverDirectory => Path.Combine("host", "fxr", HostResolverVersion());

    /// <summary>Reads the SDK's bundled versions file and checks both frameworks of that version are installed.</summary>
    public static SharedRuntime Of(string root, string sdkVersion)
    {
        var props = Path.Combine(root, "sdk", sdkVersion, "Microsoft.NETCoreSdk.BundledVersions.props");
        if (!File.Exists(props))
            throw new InvalidOperationException($"SDK {sdkVersion} under {root} has no {Path.GetFileName(props)}; cannot tell which runtime it carries. Reinstall the SDK named in global.json.");
        var version = BundledRuntime().Match(File.ReadAllText(props)) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"{props} names no BundledNETCoreAppPackageVersion.");
        var runtime = new SharedRuntime(root, version);
        var missing = runtime.Directories().Where(d => !Directory.Exists(Path.Combine(root, d))).ToArray();
        if (missing.Length > 0 || !File.Exists(Path.Combine(root, "dotnet")))
            throw new InvalidOperationException(
                $"SDK {sdkVersion} carries runtime {version}, but {root} lacks {string.Join(", ", missing.DefaultIfEmpty("dotnet"))}. "
                + "Install the full SDK (it includes the ASP.NET Core runtime), or pass --base-image with an ASP.NET Core runtime image.");
        return runtime;
    }

    /// <summary>What an SDK install must hold, relative to the root: the resolver and the two frameworks.</summary>
    private IEnumerable<string> Directories()
    {
        yield return HostResolverDirectory;
        foreach (var framework in Frameworks)
            yield return Path.Combine("shared", framework, Version);
    }

    /// <summary>The resolver of the same version when installed, else the newest (it runs every older framework).</summary>
    private string HostResolverVersion()
    {
        var fxr = Path.Combine(Root, "host", "fxr");
        if (Directory.Exists(Path.Combine(fxr, Version)) || !Directory.Exists(fxr))
            return Version;
        return Directory.GetDirectories(fxr).Select(Path.GetFileName).OrderByDescending(v => System.Version.TryParse(v!.Split('-')[0], out var parsed) ? parsed : new System.Version()).First()!;
    }

    [GeneratedRegex(@"<BundledNETCoreAppPackageVersion>([^<]+)</BundledNETCoreAppPackageVersion>")]
    private static partial Regex BundledRuntime();
}
