using System.Formats.Tar;

namespace Drydock.Docker;

/// <summary>
/// Writes a rootfs directory as the tarball <c>docker import</c> reads, with ownership set here rather than taken
/// from disk: everything root's, the app home the app user's. So the image is right whoever runs the build.
/// </summary>
public static class RootfsArchive
{
    public static async Task WriteAsync(string rootfs, string tarPath, IReadOnlyDictionary<string, int> ownerOverrides, CancellationToken cancellationToken = default)
    {
        await using var output = File.Create(tarPath);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: false);
        await WriteDirectoryAsync(writer, rootfs, string.Empty, ownerOverrides, cancellationToken);
    }

    private static async Task WriteDirectoryAsync(TarWriter writer, string rootfs, string relative, IReadOnlyDictionary<string, int> owners, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(rootfs, relative);
        foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = relative.Length == 0 ? Path.GetFileName(path) : relative + "/" + Path.GetFileName(path);
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                await writer.WriteEntryAsync(Entry(TarEntryType.SymbolicLink, name, info, owners, target), cancellationToken);
            }
            else if (Directory.Exists(path))
            {
                await writer.WriteEntryAsync(Entry(TarEntryType.Directory, name + "/", info, owners), cancellationToken);
                await WriteDirectoryAsync(writer, rootfs, name, owners, cancellationToken);
            }
            else
            {
                // Hard links from the .debs become plain copies: simpler, and docker dedupes nothing across them anyway.
                await using var data = File.OpenRead(path);
                var entry = Entry(TarEntryType.RegularFile, name, info, owners);
                entry.DataStream = data;
                await writer.WriteEntryAsync(entry, cancellationToken);
            }
        }
    }

    private static PaxTarEntry Entry(TarEntryType type, string name, FileInfo info, IReadOnlyDictionary<string, int> owners, string? linkTarget = null)
    {
        var owner = owners.TryGetValue(name.TrimEnd('/'), out var id) ? id : 0;
        var entry = new PaxTarEntry(type, name)
        {
            Uid = owner,
            Gid = owner,
            UserName = owner == 0 ? "root" : string.Empty,
            GroupName = owner == 0 ? "root" : string.Empty,
            ModificationTime = linkTarget is null ? info.LastWriteTimeUtc : DateTimeOffset.UnixEpoch,
            Mode = Mode(type, info),
        };
        if (linkTarget is not null)
            entry.LinkName = linkTarget;
        return entry;
    }

    // Symlinks carry no permissions of their own (and may dangle on the build host): 0777 as tar always writes them.
    private static UnixFileMode Mode(TarEntryType type, FileInfo info) => type switch
    {
        TarEntryType.SymbolicLink => (UnixFileMode)0b111_111_111,
        _ when !OperatingSystem.IsWindows() => File.GetUnixFileMode(info.FullName),
        TarEntryType.Directory => (UnixFileMode)0b111_101_101,
        _ => (UnixFileMode)0b110_100_100,
    };
}
