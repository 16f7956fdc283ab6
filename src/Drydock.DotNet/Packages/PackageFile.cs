using System.IO.Compression;
using System.Xml.Linq;

namespace Drydock.DotNet.Packages;

/// <summary>A package's identity and the commit it was packed from (nuspec <c>repository/@commit</c>), read from its .nuspec.</summary>
public sealed record PackageFile(string Id, string Version, string? Commit)
{
    public static PackageFile Read(string nupkgPath)
    {
        using var zip = ZipFile.OpenRead(nupkgPath);
        var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"{nupkgPath} holds no .nuspec: it is not a NuGet package.");
        using var stream = nuspec.Open();
        return FromNuspec(XDocument.Load(stream));
    }

    public static PackageFile FromNuspec(XDocument nuspec)
    {
        var metadata = nuspec.Root!.Elements().First(e => e.Name.LocalName == "metadata");
        string? Element(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
        var commit = (string?)metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "repository")?.Attribute("commit");
        return new PackageFile(Element("id") ?? "", Element("version") ?? "", string.IsNullOrWhiteSpace(commit) ? null : commit);
    }
}
