using System.Security.Cryptography;
using System.Text;

namespace Drydock.Docker;

/// <summary>
/// What goes into the offline base image: the Debian packages of Microsoft's runtime-deps image, nothing else
/// (no shell, no package manager), and the settings that image has. Its name derives from the package versions,
/// so it is built once per set of versions and reused.
/// </summary>
public static class BaseImageRecipe
{
    /// <summary>Bump when the rootfs layout or image settings change, so a new name is built.</summary>
    public const int Revision = 1;

    public const string Repository = "drydock/runtime-deps";

    /// <summary>The non-root user of the official images.</summary>
    public const int AppUid = 1654;

    public const string PackagesLabel = "dev.drydock.base.packages";

    public const string SubstitutesLabel = "dev.drydock.base.substitutes";

    /// <summary>The packages of runtime-deps, with ICU's versioned name (libicu72 on bookworm) resolved separately.</summary>
    public static IReadOnlyList<string> Packages(string icuPackage) =>
        ["libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libssl3", icuPackage, "ca-certificates", "tzdata"];

    /// <summary>The default image the release chain builds on: <c>mcr.microsoft.com/dotnet/runtime-deps:10.0</c>.</summary>
    public static string DefaultRequestedImage(int dotnetMajor) => $"mcr.microsoft.com/dotnet/runtime-deps:{dotnetMajor}.0";

    /// <summary><c>libc6=2.36-9+deb12u14 libgcc-s1=…</c>, sorted by name: the label value and the input of the name hash.</summary>
    public static string PackageList(IReadOnlyDictionary<string, string> versions) =>
        string.Join(' ', versions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary><c>drydock/runtime-deps:10.0-3f2a9c1b7d4e</c>: the requested image's tag plus a hash of the package versions.</summary>
    public static string ImageName(string requestedImage, IReadOnlyDictionary<string, string> versions)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"revision={Revision}\n{PackageList(versions)}"));
        var tag = ImageReference.Parse(requestedImage).Tag ?? "latest";
        return $"{Repository}:{tag}-{Convert.ToHexStringLower(hash)[..12]}";
    }

    /// <summary>The image settings of runtime-deps, as <c>docker import --change</c> instructions.</summary>
    public static IReadOnlyList<string> ImageChanges(string requestedImage, IReadOnlyDictionary<string, string> versions) =>
    [
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        $"ENV APP_UID={AppUid}",
        "ENV ASPNETCORE_HTTP_PORTS=8080",
        "ENV DOTNET_RUNNING_IN_CONTAINER=true",
        // ICU is in the image, so globalization works (the chiseled images without ICU set this to true).
        "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false",
        // Non-root by default, as in the distroless (chiseled) images.
        $"USER {AppUid}",
        $"LABEL {PackagesLabel}={Quote(PackageList(versions))}",
        $"LABEL {SubstitutesLabel}={Quote(requestedImage)}",
        $"LABEL org.opencontainers.image.description={Quote($"Offline equivalent of {requestedImage}, built from Debian packages")}",
    ];

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
