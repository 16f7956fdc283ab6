using Drydock.Docker;

namespace Drydock.Release.Tests;

public sealed class RuntimePacksTests
{
    private const string Evaluation = """
        {
          "Properties": { "NuGetPackageRoot": "/root/.nuget/packages/" },
          "Items": { "RuntimePack": [
            { "Identity": "Microsoft.NETCore.App.Runtime.linux-x64", "FrameworkName": "Microsoft.NETCore.App", "NuGetPackageId": "Microsoft.NETCore.App.Runtime.linux-x64", "NuGetPackageVersion": "8.0.31" },
            { "Identity": "Microsoft.AspNetCore.App.Runtime.linux-x64", "FrameworkName": "Microsoft.AspNetCore.App", "NuGetPackageId": "Microsoft.AspNetCore.App.Runtime.linux-x64", "NuGetPackageVersion": "8.0.31" }
          ] }
        }
        """;

    [Fact]
    public void The_version_the_sdk_picked_and_each_packs_folder_are_read_from_the_evaluation()
    {
        var (version, folders) = RuntimePacks.Parse("Restore complete\n" + Evaluation);

        Assert.Equal("8.0.31", version);
        Assert.Equal("/root/.nuget/packages/microsoft.netcore.app.runtime.linux-x64/8.0.31", folders["Microsoft.NETCore.App"]);
        Assert.Equal("/root/.nuget/packages/microsoft.aspnetcore.app.runtime.linux-x64/8.0.31", folders["Microsoft.AspNetCore.App"]);
    }

    [Fact]
    public void An_evaluation_missing_the_aspnet_pack_is_an_error()
    {
        var partial = Evaluation.Replace("\"FrameworkName\": \"Microsoft.AspNetCore.App\"", "\"FrameworkName\": \"Other\"", StringComparison.Ordinal);

        Assert.Throws<InvalidOperationException>(() => RuntimePacks.Parse(partial));
    }

    [Fact]
    public void The_restore_project_is_self_contained_for_linux_x64_and_names_no_version_unless_the_app_does()
    {
        var text = RuntimePacks.ProjectText(new AppRuntime("net8.0", 8, RuntimeSource.Packs));

        Assert.Contains("Sdk=\"Microsoft.NET.Sdk.Web\"", text);
        Assert.Contains("<TargetFramework>net8.0</TargetFramework>", text);
        Assert.Contains("<RuntimeIdentifier>linux-x64</RuntimeIdentifier>", text);
        Assert.Contains("<SelfContained>true</SelfContained>", text);
        Assert.DoesNotContain("RuntimeFrameworkVersion", text);
        Assert.Contains("<RuntimeFrameworkVersion>8.0.30</RuntimeFrameworkVersion>",
            RuntimePacks.ProjectText(new AppRuntime("net8.0", 8, RuntimeSource.Packs) { RuntimeFrameworkVersion = "8.0.30" }));
    }
}
