using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Drydock.Docker;

/// <summary>
/// Who owns a path and whether it is a symbolic link, read without following a final link. Linux's statx is used
/// because its layout, unlike struct stat's, is the same on every architecture.
/// </summary>
public readonly record struct UnixFileStatus(uint Owner, bool IsSymbolicLink, UnixFileMode Mode)
{
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, StatxBasicStats = 0x7ff, TypeMask = 0xF000, SymbolicLink = 0xA000;

    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>The effective user of this process; null where it cannot be read (not Linux).</summary>
    public static uint? CurrentUser => OperatingSystem.IsLinux() ? geteuid() : null;

    /// <summary>The status of <paramref name="path"/>; null when it does not exist, cannot be read, or not on Linux.</summary>
    public static UnixFileStatus? Read(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var buffer = new byte[256];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
            return null;
        var owner = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20));
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        return new UnixFileStatus(owner, (mode & TypeMask) == SymbolicLink, (UnixFileMode)(mode & 0xFFF));
    }

    /// <summary>A real directory or file of this user that no one else may write to: safe to delete or to keep locks in.</summary>
    public bool IsPrivateTo(uint? user) => user is { } me && Owner == me && !IsSymbolicLink && (Mode & WritableByOthers) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
