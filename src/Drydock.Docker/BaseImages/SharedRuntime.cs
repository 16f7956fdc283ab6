using System.Text.RegularExpressions;

namespace Drydock.Docker;

/// <summary>
/// The ASP.NET Core shared runtime an SDK carries, on this machine: its install root and the version the SDK
/// bundles (<c>BundledNETCoreAppPackageVersion</c>), i.e. what a framework-dependent app built by it runs on.
/// </summary>
public sealed partial record SharedRuntime(string Root, string Version)
{
    public static readonly IReadOnlyList<string> Frameworks = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"];

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

    /// <summary>What goes into the base, relative to the root: the host, its resolver and the two frameworks.</summary>
    public IEnumerable<string> Directories()
    {
        yield return Path.Combine("host", "fxr", HostResolverVersion());
        foreach (var framework in Frameworks)
            yield return Path.Combine("shared", framework, Version);
    }

    /// <summary>The resolver of the same version when installed, else the newest (the host rolls forward the same way).</summary>
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
