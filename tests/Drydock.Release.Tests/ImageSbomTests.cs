using System.Text.Json;

namespace Drydock.Release.Tests;

public sealed class ImageSbomTests
{
    private const string NuGetBom = """
        {"bomFormat":"CycloneDX","specVersion":"1.7","serialNumber":"urn:uuid:1","version":1,
         "metadata":{"timestamp":"2026-11-30T09:12:41Z","component":{"type":"application","name":"Notes","version":"0.0.0-local"}},
         "components":[{"type":"library","name":"Microsoft.Data.Sqlite","version":"10.0.15","purl":"pkg:nuget/Microsoft.Data.Sqlite@10.0.15"}]}
        """;

    private static readonly ImageSbom.Image Image = new("notes", "1.2.1-4", "2026-11-01T10:00:00Z", "drydock/aspnet:10.0.12-abc");

    [Fact]
    public void The_nuget_packages_the_base_debian_packages_and_the_runtime_are_all_components()
    {
        using var sbom = JsonDocument.Parse(ImageSbom.Merge(NuGetBom, Image, "libc6=2.36-9+deb12u14 zlib1g=1:1.2.13.dfsg-1", "10.0.12"));

        var purls = sbom.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("purl").GetString()!).ToArray();
        Assert.Equal(
            ["pkg:nuget/Microsoft.Data.Sqlite@10.0.15", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64", "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64",
             "pkg:nuget/Microsoft.AspNetCore.App.Runtime.linux-x64@10.0.12"],
            purls);
        var component = sbom.RootElement.GetProperty("metadata").GetProperty("component");
        Assert.Equal("container", component.GetProperty("type").GetString());
        Assert.Equal("notes", component.GetProperty("name").GetString());
        Assert.Equal("1.2.1-4", component.GetProperty("version").GetString());
    }

    [Fact]
    public void One_release_gives_one_sbom_byte_for_byte_no_serial_number_and_the_commit_date()
    {
        var first = ImageSbom.Merge(NuGetBom, Image, "libc6=2.36", null);
        var second = ImageSbom.Merge(NuGetBom.Replace("urn:uuid:1", "urn:uuid:2").Replace("09:12:41", "09:13:00"), Image, "libc6=2.36", null);

        Assert.Equal(first, second);
        Assert.Equal(ImageSbom.Digest(first), ImageSbom.Digest(second));
        Assert.DoesNotContain("serialNumber", first);
        Assert.Contains("\"timestamp\": \"2026-11-01T10:00:00Z\"", first);
    }

    [Fact]
    public void A_self_contained_image_lists_no_separate_runtime_and_an_unlabelled_base_no_debian_packages()
    {
        using var sbom = JsonDocument.Parse(ImageSbom.Merge(NuGetBom, Image, "", null));

        Assert.Single(sbom.RootElement.GetProperty("components").EnumerateArray());
    }
}
