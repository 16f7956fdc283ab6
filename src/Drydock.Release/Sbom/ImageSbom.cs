using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Release;

/// <summary>
/// The CycloneDX SBOM of one image: the app's NuGet packages (from the CycloneDX tool), plus what the base adds:
/// its Debian packages (the base records their versions in a label) and the .NET runtime it carries. Made
/// reproducible (no serial number, the commit's date as timestamp), so one release has one SBOM and one digest.
/// </summary>
public static class ImageSbom
{
    public const string MediaType = "application/vnd.cyclonedx+json";

    /// <summary>The tag suffix the SBOM is pushed under beside its image: <c>sha256-&lt;hex&gt;.sbom</c>.</summary>
    public const string TagSuffix = "sbom";

    public sealed record Image(string Name, string Version, string Created, string BaseImage);

    /// <param name="nugetBom">The tool's JSON document.</param>
    /// <param name="debianPackages">From the base's <c>dev.drydock.base.packages</c> label: <c>libc6=2.36-9+deb12u14 …</c>; empty when the base records none.</param>
    /// <param name="dotnetRuntime">The ASP.NET Core runtime version the base carries, or null (self-contained: it is in the app's files).</param>
    public static string Merge(string nugetBom, Image image, string debianPackages, string? dotnetRuntime)
    {
        var bom = JsonNode.Parse(nugetBom)!.AsObject();
        bom.Remove("serialNumber");
        var metadata = bom["metadata"] as JsonObject ?? [];
        bom["metadata"] = metadata;
        metadata["timestamp"] = image.Created;
        metadata["component"] = new JsonObject
        {
            ["type"] = "container",
            ["bom-ref"] = $"{image.Name}@{image.Version}",
            ["name"] = image.Name,
            ["version"] = image.Version,
            ["properties"] = new JsonArray(new JsonObject { ["name"] = "dev.drydock:base-image", ["value"] = image.BaseImage }),
        };
        var components = bom["components"] as JsonArray ?? [];
        bom["components"] = components;
        foreach (var (package, version) in DebianPackages(debianPackages))
            components.Add(Component("library", package, version, $"pkg:deb/debian/{package}@{Uri.EscapeDataString(version)}?arch=amd64"));
        if (dotnetRuntime is not null)
            components.Add(Component("framework", "Microsoft.AspNetCore.App.Runtime.linux-x64", dotnetRuntime, $"pkg:nuget/Microsoft.AspNetCore.App.Runtime.linux-x64@{dotnetRuntime}"));
        return bom.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary><c>libc6=2.36-9+deb12u14 zlib1g=1:1.2.13</c> → (libc6, 2.36-9+deb12u14), (zlib1g, 1:1.2.13).</summary>
    public static IEnumerable<(string Package, string Version)> DebianPackages(string label) =>
        label.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => (parts[0], parts[1]));

    public static string Digest(string sbom) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sbom)));

    private static JsonObject Component(string type, string name, string version, string purl) => new()
    {
        ["type"] = type,
        ["bom-ref"] = purl,
        ["name"] = name,
        ["version"] = version,
        ["purl"] = purl,
    };
}
