namespace Drydock.Docker.Tests;

public sealed class AspNetBaseTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("drydock-dotnet-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static DockerImage RuntimeDeps(string? packages) => new("sha256:base", [], [],
        packages is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [BaseImageRecipe.PackagesLabel] = packages }, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_name_is_the_runtime_version_and_a_hash_of_every_input()
    {
        var name = AspNetBaseRecipe.ImageName("10.0.12", AspNetBaseRecipe.BaseIdentity(RuntimeDeps("libc6=2.36")));

        Assert.Matches(@"^drydock/aspnet:10\.0\.12-[0-9a-f]{12}$", name);
        Assert.Equal(name, AspNetBaseRecipe.ImageName("10.0.12", AspNetBaseRecipe.BaseIdentity(RuntimeDeps("libc6=2.36"))));
        Assert.NotEqual(name, AspNetBaseRecipe.ImageName("10.0.13", AspNetBaseRecipe.BaseIdentity(RuntimeDeps("libc6=2.36"))));
        Assert.NotEqual(name, AspNetBaseRecipe.ImageName("10.0.12", AspNetBaseRecipe.BaseIdentity(RuntimeDeps("libc6=2.37"))));
        // A base that records no packages (an official image) is identified by its content-addressed id.
        Assert.Equal("sha256:base", AspNetBaseRecipe.BaseIdentity(RuntimeDeps(null)));
    }

    [Fact]
    public void The_dockerfile_only_copies_and_sets_the_runtime_the_user_and_a_data_folder_of_the_app_user()
    {
        var dockerfile = AspNetBaseRecipe.Dockerfile("drydock/runtime-deps:10.0-abc", "10.0.12");

        Assert.StartsWith("FROM drydock/runtime-deps:10.0-abc\n", dockerfile);
        Assert.DoesNotContain("\nRUN ", dockerfile);
        Assert.Contains("COPY dotnet/ /usr/share/dotnet/", dockerfile);
        Assert.Contains("COPY --chown=1654:1654 data/ /data/", dockerfile);
        Assert.Contains("DOTNET_ROOT=/usr/share/dotnet", dockerfile);
        Assert.Contains("PATH=/usr/share/dotnet:", dockerfile);
        Assert.Contains("ASPNET_VERSION=10.0.12", dockerfile);
        Assert.Contains("\nUSER 1654\n", dockerfile);
        Assert.Contains("dev.drydock.base.dotnet=\"10.0.12\"", dockerfile);
    }

    private void FakeInstall(string version, bool withAspNet = true)
    {
        Directory.CreateDirectory(Path.Combine(_root, "sdk", "10.0.401"));
        File.WriteAllText(Path.Combine(_root, "sdk", "10.0.401", "Microsoft.NETCoreSdk.BundledVersions.props"),
            $"<Project><PropertyGroup><BundledNETCoreAppPackageVersion>{version}</BundledNETCoreAppPackageVersion></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(_root, "dotnet"), "host");
        foreach (var directory in new[] { $"host/fxr/{version}", $"shared/Microsoft.NETCore.App/{version}", "shared/Microsoft.NETCore.App/9.0.1" }
                     .Concat(withAspNet ? [$"shared/Microsoft.AspNetCore.App/{version}"] : []))
        {
            Directory.CreateDirectory(Path.Combine(_root, directory));
            File.WriteAllText(Path.Combine(_root, directory, "lib.dll"), directory);
        }
    }

    [Fact]
    public void The_runtime_is_the_one_the_sdk_bundles_and_only_its_frameworks_are_staged_at_one_fixed_time()
    {
        FakeInstall("10.0.12");

        var runtime = SharedRuntime.Of(_root, "10.0.401");
        var context = Path.Combine(_root, "context");
        AspNetBaseImage.Stage(runtime, context);

        Assert.Equal("10.0.12", runtime.Version);
        var staged = Directory.EnumerateFiles(context, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(context, f).Replace('\\', '/')).Order().ToArray();
        Assert.Equal(["data/.keep", "dotnet/dotnet", "dotnet/host/fxr/10.0.12/lib.dll", "dotnet/shared/Microsoft.AspNetCore.App/10.0.12/lib.dll", "dotnet/shared/Microsoft.NETCore.App/10.0.12/lib.dll"], staged);
        Assert.All(Directory.EnumerateFileSystemEntries(context, "*", SearchOption.AllDirectories),
            path => Assert.Equal(PublishOutput.FileTime, File.GetLastWriteTimeUtc(path)));
    }

    [Fact]
    public void A_missing_aspnet_runtime_is_named_with_the_fix()
    {
        FakeInstall("10.0.12", withAspNet: false);

        var error = Assert.Throws<InvalidOperationException>(() => SharedRuntime.Of(_root, "10.0.401"));

        Assert.Contains("Microsoft.AspNetCore.App", error.Message);
        Assert.Contains("--base-image", error.Message);
    }

    [Fact]
    public void Runtime_packs_are_staged_as_shared_frameworks_of_their_version_under_the_sdks_host_without_the_packs_resolver()
    {
        FakeInstall("10.0.12");
        string Pack(string id, params string[] files)
        {
            var pack = Path.Combine(_root, "packs", id, "8.0.31");
            foreach (var file in files)
            {
                var path = Path.Combine(pack, "runtimes", "linux-x64", file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file);
            }
            return pack;
        }
        File.WriteAllText(Path.Combine(_root, "host", "fxr", "10.0.12", "libhostfxr.so"), "resolver");
        var netcore = Pack("microsoft.netcore.app.runtime.linux-x64", "lib/net8.0/System.Runtime.dll", "native/libcoreclr.so", "native/libhostfxr.so");
        var aspnet = Pack("microsoft.aspnetcore.app.runtime.linux-x64", "lib/net8.0/Microsoft.AspNetCore.dll", "lib/net8.0/Microsoft.AspNetCore.App.runtimeconfig.json");

        var runtime = SharedRuntime.FromPacks(_root, "8.0.31", new Dictionary<string, string> { ["Microsoft.NETCore.App"] = netcore, ["Microsoft.AspNetCore.App"] = aspnet });
        var context = Path.Combine(_root, "context");
        AspNetBaseImage.Stage(runtime, context);

        var staged = Directory.EnumerateFiles(context, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(context, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([
            "data/.keep", "dotnet/dotnet", "dotnet/host/fxr/10.0.12/lib.dll", "dotnet/host/fxr/10.0.12/libhostfxr.so",
            "dotnet/shared/Microsoft.AspNetCore.App/8.0.31/Microsoft.AspNetCore.App.runtimeconfig.json",
            "dotnet/shared/Microsoft.AspNetCore.App/8.0.31/Microsoft.AspNetCore.dll",
            "dotnet/shared/Microsoft.NETCore.App/8.0.31/System.Runtime.dll",
            "dotnet/shared/Microsoft.NETCore.App/8.0.31/libcoreclr.so",
        ], staged);
    }
}
