using Drydock.Engine.Tooling;

namespace Drydock.Docker.Tests;

/// <summary>
/// A fake runner that plays docker, apt and dpkg-deb for the base image flow: apt "downloads" empty .debs, and
/// dpkg-deb "extracts" a few marker files per package, enough for the rootfs checks.
/// </summary>
internal static class FakeDebianHost
{
    public const string Requested = "mcr.microsoft.com/dotnet/runtime-deps:10.0";

    public static readonly Dictionary<string, string> Versions = new()
    {
        ["ca-certificates"] = "20250419~deb12u2",
        ["libc6"] = "2.36-9+deb12u14",
        ["libgcc-s1"] = "12.2.0-14+deb12u1",
        ["libicu72"] = "72.1-3+deb12u1",
        ["libssl3"] = "3.0.22-1~deb12u2",
        ["libstdc++6"] = "12.2.0-14+deb12u1",
        ["tzdata"] = "2026f-0+deb12u1",
        ["zlib1g"] = "1:1.2.13.dfsg-1",
    };

    public static FakeToolRunner Create(bool requestedPresent = false, bool pullWorks = false, bool offlinePresent = false, Action<ToolCommand>? onImport = null)
    {
        var offlineName = BaseImageRecipe.ImageName(Requested, Versions);
        return new FakeToolRunner()
            .On(["image", "inspect", Requested], requestedPresent ? 0 : 1, requestedPresent ? "[{\"Id\":\"sha256:1\"}]" : "[]", requestedPresent ? "" : $"Error: No such image: {Requested}")
            .On(["pull", Requested], pullWorks ? 0 : 1, "", pullWorks ? "" : "dial tcp: lookup mcr.microsoft.com: no such host")
            .On(["image", "inspect", offlineName], offlinePresent ? 0 : 1, offlinePresent ? "[{\"Id\":\"sha256:2\"}]" : "[]", offlinePresent ? "" : $"Error: No such image: {offlineName}")
            .On(c => c.FileName == "apt-cache" && c.Arguments[0] == "pkgnames", _ => FakeToolRunner.Result(0, "libicu-dev\nlibicu72\nlibicu4j-java"))
            .On(c => c.FileName == "apt-cache" && c.Arguments[0] == "show", _ => FakeToolRunner.Result(0,
                string.Join("\n\n", Versions.Select(p => $"Package: {p.Key}\nVersion: {p.Value}\nArchitecture: amd64"))))
            .On(c => c.FileName == "apt-get" && c.Arguments[0] == "download", Download)
            .On(c => c.FileName == "dpkg-deb" && c.Arguments[0] == "--field", Fields)
            .On(c => c.FileName == "dpkg-deb" && c.Arguments[0] == "-x", Extract)
            .On(["import"], command =>
            {
                onImport?.Invoke(command);
                return FakeToolRunner.Result(0, "sha256:338febd142f5");
            });
    }

    private static ToolResult Download(ToolCommand command)
    {
        foreach (var pinned in command.Arguments.Where(a => a.Contains('=') && !a.Contains("::")))
        {
            var (name, version) = (pinned[..pinned.IndexOf('=')], pinned[(pinned.IndexOf('=') + 1)..]);
            File.WriteAllText(Path.Combine(command.WorkingDirectory!, $"{name}_{version.Replace(":", "%3a")}_amd64.deb"), "");
        }
        return FakeToolRunner.Result(0, "Fetched 15.4 MB");
    }

    private static ToolResult Fields(ToolCommand command)
    {
        var file = Path.GetFileNameWithoutExtension(command.Arguments[1]).Split('_');
        return FakeToolRunner.Result(0, $"Package: {file[0]}\nVersion: {file[1].Replace("%3a", ":")}");
    }

    private static ToolResult Extract(ToolCommand command)
    {
        var package = Path.GetFileName(command.Arguments[1]).Split('_')[0];
        var rootfs = command.Arguments[2];
        void Put(string path, string content = "")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(rootfs, path))!);
            File.WriteAllText(Path.Combine(rootfs, path), content);
        }
        switch (package)
        {
            case "libc6":
                Put("lib/x86_64-linux-gnu/libc.so.6");
                Put("lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
                Directory.CreateDirectory(Path.Combine(rootfs, "lib64"));
                File.CreateSymbolicLink(Path.Combine(rootfs, "lib64/ld-linux-x86-64.so.2"), "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
                Put("usr/share/doc/libc6/copyright", "GPL");
                Put("usr/share/doc/libc6/changelog.Debian.gz", "log");
                Put("usr/share/lintian/overrides/libc6", "x");
                break;
            case "ca-certificates":
                Put("usr/share/ca-certificates/mozilla/B_Root.crt", "-----BEGIN CERTIFICATE-----\nBBB\n-----END CERTIFICATE-----");
                Put("usr/share/ca-certificates/mozilla/A_Root.crt", "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n");
                break;
            default:
                Put($"usr/lib/x86_64-linux-gnu/{package}.so");
                break;
        }
        return FakeToolRunner.Result(0, "");
    }
}
