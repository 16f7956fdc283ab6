using System.Text;

namespace Drydock.Docker;

/// <summary>
/// Completes a root filesystem extracted from .debs into what the package scripts would have made of it: users,
/// /tmp, the app home, the CA bundle; strips documentation; and checks that no shell or package manager slipped in.
/// </summary>
public static class RootfsLayout
{
    /// <summary>Paths that must not exist: a distroless image has no shell and no package manager.</summary>
    public static readonly IReadOnlyList<string> ForbiddenPaths =
    [
        "bin/sh", "usr/bin/sh", "bin/bash", "usr/bin/bash", "bin/dash", "usr/bin/dash",
        "usr/bin/apt", "usr/bin/apt-get", "usr/bin/dpkg",
    ];

    public const string CaBundle = "etc/ssl/certs/ca-certificates.crt";

    public static void Complete(string rootfs)
    {
        StripDocumentation(rootfs);
        WriteUsers(rootfs);
        CreateDirectory(rootfs, "tmp", UnixFileMode.StickyBit | All(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        CreateDirectory(rootfs, "root", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        CreateDirectory(rootfs, "home/app", DirectoryMode);
        WriteCaBundle(rootfs);
        LinkOpenSslDirectory(rootfs);
        Verify(rootfs);
    }

    /// <summary>Throws when the rootfs has a shell or package manager, or lacks what .NET needs.</summary>
    public static void Verify(string rootfs)
    {
        var present = ForbiddenPaths.Where(path => Exists(rootfs, path)).ToArray();
        if (present.Length > 0)
            throw new InvalidOperationException($"The base rootfs must have no shell or package manager, but has: {string.Join(", ", present.Select(p => "/" + p))}");
        string[] required = ["lib64/ld-linux-x86-64.so.2", "etc/passwd", "etc/group", "tmp", "home/app", CaBundle];
        var missing = required.Where(path => !Exists(rootfs, path)).ToArray();
        if (missing.Length > 0)
            throw new InvalidOperationException($"The base rootfs lacks: {string.Join(", ", missing.Select(p => "/" + p))}");
    }

    private static UnixFileMode DirectoryMode =>
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static UnixFileMode All(UnixFileMode user) =>
        user | (UnixFileMode)((int)user >> 3) | (UnixFileMode)((int)user >> 6);

    // A path exists as a file, directory or (possibly dangling) symlink.
    private static bool Exists(string rootfs, string relative)
    {
        var path = Path.Combine(rootfs, relative);
        return File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;
    }

    private static void StripDocumentation(string rootfs)
    {
        foreach (var directory in new[] { "usr/share/man", "usr/share/info", "usr/share/lintian" })
        {
            var path = Path.Combine(rootfs, directory);
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        // Keep the copyright files: they are the licences of what ships.
        var doc = Path.Combine(rootfs, "usr/share/doc");
        if (Directory.Exists(doc))
            foreach (var file in Directory.EnumerateFiles(doc, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "copyright").ToArray())
                File.Delete(file);
    }

    private static void WriteUsers(string rootfs)
    {
        var uid = BaseImageRecipe.AppUid;
        CreateDirectory(rootfs, "etc", DirectoryMode);
        File.WriteAllText(Path.Combine(rootfs, "etc/passwd"),
            $"root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:{uid}:{uid}:app:/home/app:/usr/sbin/nologin\n");
        File.WriteAllText(Path.Combine(rootfs, "etc/group"), $"root:x:0:\napp:x:{uid}:\n");
    }

    /// <summary>
    /// The .deb ships only the certificates; update-ca-certificates concatenates them into the bundle at install.
    /// Doing the same here keeps the bundle exactly the certificates of the labelled package version.
    /// </summary>
    private static void WriteCaBundle(string rootfs)
    {
        var sources = Path.Combine(rootfs, "usr/share/ca-certificates");
        var certificates = Directory.Exists(sources)
            ? Directory.EnumerateFiles(sources, "*.crt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (certificates.Length == 0)
            throw new InvalidOperationException("ca-certificates shipped no certificates under /usr/share/ca-certificates; cannot build the CA bundle.");
        var bundle = new StringBuilder();
        foreach (var certificate in certificates)
        {
            var pem = File.ReadAllText(certificate);
            bundle.Append(pem);
            if (!pem.EndsWith('\n'))
                bundle.Append('\n');
        }
        CreateDirectory(rootfs, "etc/ssl/certs", DirectoryMode);
        File.WriteAllText(Path.Combine(rootfs, CaBundle), bundle.ToString());
    }

    /// <summary>OpenSSL looks in its OPENSSLDIR (/usr/lib/ssl on Debian); the openssl package links it to /etc/ssl, and so do we.</summary>
    private static void LinkOpenSslDirectory(string rootfs)
    {
        CreateDirectory(rootfs, "usr/lib/ssl", DirectoryMode);
        Link(rootfs, "usr/lib/ssl/certs", "/etc/ssl/certs");
        Link(rootfs, "usr/lib/ssl/cert.pem", "/" + CaBundle);
    }

    private static void Link(string rootfs, string relative, string target)
    {
        var path = Path.Combine(rootfs, relative);
        if (!Exists(rootfs, relative))
            File.CreateSymbolicLink(path, target);
    }

    private static void CreateDirectory(string rootfs, string relative, UnixFileMode mode)
    {
        var path = Path.Combine(rootfs, relative);
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, mode);
    }
}
