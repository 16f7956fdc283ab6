using System.Runtime.InteropServices;

namespace Drydock.Acme;

/// <summary>
/// The one way the edge writes a state file (routes, host declarations, certificates, the ACME key): into a temporary
/// file beside it, flushed to disk, renamed over the old one, then the directory flushed so the rename itself survives
/// a power loss. A reader sees the old file or the new one, never half of either; a failed write leaves no temporary.
/// </summary>
public static class DurableFile
{
    /// <param name="write">Writes the whole content to the temporary file.</param>
    /// <param name="mode">The Unix mode the file is created with (from its first byte); null: the process's default.</param>
    public static void Write(string path, Action<Stream> write, UnixFileMode? mode = null)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (mode is { } unixMode && !OperatingSystem.IsWindows())
                options.UnixCreateMode = unixMode;
            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
        SyncDirectory(directory);
    }

    public static void WriteText(string path, string content, UnixFileMode? mode = null) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(content);
        }, mode);

    /// <summary>Flushes a directory's entries (a rename in it) to disk; .NET opens no directory handle, so libc does.</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            return;
        var descriptor = open(directory, ReadOnlyDirectory);
        if (descriptor < 0)
            throw new IOException($"Could not open {directory} to flush it to disk (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (fsync(descriptor) != 0)
                throw new IOException($"Could not flush {directory} to disk (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    // O_RDONLY | O_DIRECTORY (Linux); the edge runs on Linux only.
    private const int ReadOnlyDirectory = 0x10000;

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int descriptor);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int descriptor);
}
