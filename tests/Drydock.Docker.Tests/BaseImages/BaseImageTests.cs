using System.Formats.Tar;
using Drydock.Engine.Tooling;

namespace Drydock.Docker.Tests;

public sealed class BaseImageTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "drydock-unit-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_work))
            Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task A_requested_image_present_locally_is_used_as_is()
    {
        var runner = FakeDebianHost.Create(requestedPresent: true);

        var image = await BaseImage.EnsureAsync(new DockerCli(runner), new RecordingBuildLog(), _work, FakeDebianHost.Requested);

        Assert.Equal(new ResolvedBaseImage(FakeDebianHost.Requested, BaseImageOrigin.Local), image);
        Assert.Single(runner.Commands);
    }

    [Fact]
    public async Task An_absent_requested_image_is_pulled_once_when_it_can_be()
    {
        var runner = FakeDebianHost.Create(pullWorks: true);

        var image = await BaseImage.EnsureAsync(new DockerCli(runner), new RecordingBuildLog(), _work, FakeDebianHost.Requested);

        Assert.Equal(BaseImageOrigin.Pulled, image.Origin);
        Assert.Single(runner.Commands, c => c.Arguments[0] == "pull");
    }

    [Fact]
    public async Task An_offline_equivalent_built_before_is_reused_without_downloading()
    {
        var runner = FakeDebianHost.Create(offlinePresent: true);

        var image = await BaseImage.EnsureAsync(new DockerCli(runner), new RecordingBuildLog(), _work, FakeDebianHost.Requested);

        Assert.Equal(new ResolvedBaseImage(BaseImageRecipe.ImageName(FakeDebianHost.Requested, FakeDebianHost.Versions), BaseImageOrigin.ReusedOffline), image);
        Assert.DoesNotContain(runner.Commands, c => c.FileName == "apt-get");
        Assert.Single(runner.Commands, c => c.Arguments[0] == "pull");
    }

    [Fact]
    public async Task Otherwise_it_is_built_from_the_debs_into_a_shell_less_non_root_rootfs_and_imported()
    {
        List<TarEntrySnapshot>? entries = null;
        ToolCommand? import = null;
        var runner = FakeDebianHost.Create(onImport: command =>
        {
            import = command;
            entries = TarEntrySnapshot.Read(command.Arguments[^2]);
        });

        var image = await BaseImage.EnsureAsync(new DockerCli(runner), new RecordingBuildLog(), _work, FakeDebianHost.Requested);

        var name = BaseImageRecipe.ImageName(FakeDebianHost.Requested, FakeDebianHost.Versions);
        Assert.Equal(new ResolvedBaseImage(name, BaseImageOrigin.BuiltOffline), image);
        Assert.Matches(@"^drydock/runtime-deps:10\.0-[0-9a-f]{12}$", name);

        var download = runner.Commands.Single(c => c.FileName == "apt-get");
        Assert.Contains("libicu72=72.1-3+deb12u1", download.Arguments);
        Assert.Contains("zlib1g=1:1.2.13.dfsg-1", download.Arguments);
        Assert.Equal(8, runner.Commands.Count(c => c.FileName == "dpkg-deb" && c.Arguments[0] == "-x"));

        Assert.NotNull(import);
        Assert.Equal(name, import.Arguments[^1]);
        Assert.Contains("USER 1654", import.Arguments);
        Assert.Contains("ENV APP_UID=1654", import.Arguments);
        Assert.Contains("ENV DOTNET_RUNNING_IN_CONTAINER=true", import.Arguments);
        Assert.Contains(import.Arguments, a => a.StartsWith("LABEL dev.drydock.base.packages=\"ca-certificates=20250419~deb12u2 libc6=2.36-9+deb12u14 ", StringComparison.Ordinal));

        Assert.NotNull(entries);
        var byName = entries.ToDictionary(e => e.Name.TrimEnd('/'));
        Assert.Equal((1654, 1654), (byName["home/app"].Uid, byName["home/app"].Gid));
        Assert.Equal(TarEntryType.Directory, byName["home/app"].Type);
        Assert.Equal((0, 0), (byName["etc/passwd"].Uid, byName["etc/passwd"].Gid));
        Assert.True(byName["tmp"].Mode.HasFlag(UnixFileMode.StickyBit | UnixFileMode.OtherWrite));
        Assert.Equal(TarEntryType.SymbolicLink, byName["lib64/ld-linux-x86-64.so.2"].Type);
        Assert.Equal("/etc/ssl/certs/ca-certificates.crt", byName["usr/lib/ssl/cert.pem"].LinkName);
        Assert.Contains("app:x:1654:1654:", byName["etc/passwd"].Text);
        Assert.Contains("app:x:1654:", byName["etc/group"].Text);
        Assert.Equal("-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nBBB\n-----END CERTIFICATE-----\n",
            byName["etc/ssl/certs/ca-certificates.crt"].Text);
        Assert.Contains("usr/share/doc/libc6/copyright", byName.Keys);
        Assert.DoesNotContain("usr/share/doc/libc6/changelog.Debian.gz", byName.Keys);
        Assert.DoesNotContain("usr/share/lintian", byName.Keys);
        Assert.DoesNotContain(byName.Keys, key => key is "bin/sh" or "usr/bin/sh" or "bin/bash" or "usr/bin/apt");

        Assert.Empty(Directory.GetDirectories(_work)); // the scratch rootfs is gone once imported
    }

    [Fact]
    public async Task Without_package_lists_apt_get_update_runs_first()
    {
        var updated = false;
        var runner = FakeDebianHost.Create(offlinePresent: true);
        var strict = new FakeToolRunner()
            .On(c => c.FileName == "apt-get" && c.Arguments[0] == "update", _ =>
            {
                updated = true;
                return FakeToolRunner.Result(0, "");
            })
            .On(c => c.FileName == "apt-cache" && c.Arguments[0] == "show" && !updated, _ => FakeToolRunner.Result(100, "", "E: No packages found"))
            .On(_ => true, command => runner.RunAsync(command with { ThrowOnError = false }).Result);

        var image = await BaseImage.EnsureAsync(new DockerCli(strict), new RecordingBuildLog(), _work, FakeDebianHost.Requested);

        Assert.Equal(BaseImageOrigin.ReusedOffline, image.Origin);
        Assert.True(updated);
    }

    [Fact]
    public void The_name_follows_the_package_versions()
    {
        var name = BaseImageRecipe.ImageName(FakeDebianHost.Requested, FakeDebianHost.Versions);
        var newerLibc = new Dictionary<string, string>(FakeDebianHost.Versions) { ["libc6"] = "2.36-9+deb12u15" };

        Assert.Equal(name, BaseImageRecipe.ImageName(FakeDebianHost.Requested, new Dictionary<string, string>(FakeDebianHost.Versions.Reverse())));
        Assert.NotEqual(name, BaseImageRecipe.ImageName(FakeDebianHost.Requested, newerLibc));
        Assert.StartsWith("drydock/runtime-deps:9.0-", BaseImageRecipe.ImageName("mcr.microsoft.com/dotnet/runtime-deps:9.0", FakeDebianHost.Versions));
        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0", BaseImageRecipe.DefaultRequestedImage(10));
    }

    [Theory]
    [InlineData(new[] { "libicu-dev", "libicu72", "libicu4j-java", "libicu-le-hb0" }, "libicu72")]
    [InlineData(new[] { "libicu67", "libicu76", "libicu72" }, "libicu76")]
    [InlineData(new[] { "libicu-dev" }, null)]
    public void The_icu_package_is_the_newest_runtime_library(string[] names, string? expected) =>
        Assert.Equal(expected, BaseImage.NewestIcuPackage(names));

    [Fact]
    public void A_rootfs_with_a_shell_is_refused()
    {
        var rootfs = Directory.CreateDirectory(Path.Combine(_work, "rootfs")).FullName;
        Directory.CreateDirectory(Path.Combine(rootfs, "bin"));
        File.WriteAllText(Path.Combine(rootfs, "bin/sh"), "");

        var error = Assert.Throws<InvalidOperationException>(() => RootfsLayout.Verify(rootfs));
        Assert.Contains("/bin/sh", error.Message);
    }

    internal sealed record TarEntrySnapshot(string Name, TarEntryType Type, int Uid, int Gid, UnixFileMode Mode, string LinkName, string Text)
    {
        public static List<TarEntrySnapshot> Read(string tarPath)
        {
            using var stream = File.OpenRead(tarPath);
            using var reader = new TarReader(stream);
            var entries = new List<TarEntrySnapshot>();
            while (reader.GetNextEntry() is { } entry)
            {
                var text = entry.DataStream is null ? string.Empty : new StreamReader(entry.DataStream).ReadToEnd();
                entries.Add(new(entry.Name, entry.EntryType, entry.Uid, entry.Gid, entry.Mode, entry.LinkName, text));
            }
            return entries;
        }
    }
}
