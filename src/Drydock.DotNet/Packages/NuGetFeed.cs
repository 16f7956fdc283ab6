using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Drydock.DotNet.Packages;

/// <summary>Reads what a feed holds for one package version: a local folder (flat or hierarchical, as nuget push writes it) or a NuGet v3 feed.</summary>
public sealed class NuGetFeed(string source, HttpClient http)
{
    public bool IsFolder => !Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.IsFile;

    /// <summary>The published package of that id and version (with its commit), or null when the feed lacks it.</summary>
    public async Task<PackageFile?> FindAsync(string id, string version, CancellationToken cancellationToken = default)
    {
        if (IsFolder)
        {
            var lower = (id.ToLowerInvariant(), version.ToLowerInvariant());
            string[] candidates =
            [
                Path.Combine(source, $"{id}.{version}.nupkg"),
                Path.Combine(source, lower.Item1, lower.Item2, $"{lower.Item1}.{lower.Item2}.nupkg"),
            ];
            return candidates.FirstOrDefault(File.Exists) is { } file ? PackageFile.Read(file) : null;
        }

        using var index = JsonDocument.Parse(await http.GetStringAsync(source, cancellationToken));
        var baseAddress = index.RootElement.GetProperty("resources").EnumerateArray()
            .FirstOrDefault(r => r.GetProperty("@type").GetString()?.StartsWith("PackageBaseAddress/3.0.0", StringComparison.Ordinal) == true)
            .GetProperty("@id").GetString()!.TrimEnd('/');
        var (lowerId, lowerVersion) = (id.ToLowerInvariant(), version.ToLowerInvariant());
        using var response = await http.GetAsync($"{baseAddress}/{lowerId}/{lowerVersion}/{lowerId}.nuspec", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return PackageFile.FromNuspec(XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)));
    }
}
