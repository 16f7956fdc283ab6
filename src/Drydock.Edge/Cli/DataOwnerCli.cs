using System.Runtime.InteropServices;

namespace Drydock.Edge.Cli;

/// <summary>
/// <c>Drydock.Edge data-owner check|fix &lt;dir&gt; [uid:gid]</c>: the edge binary as a one-shot helper for an
/// environment's data volume, after a release changed the user it runs as. Images have no shell or chown, and the edge image is the one image
/// Drydock builds itself on every engine it deploys to, so Deploy runs it (<c>docker run --rm</c>) to see whether a
/// release's user can write every entry of a volume an older release (running as root) left behind, and to give them
/// to that user: ownership only, in place (lchown, links never followed), no byte of data is read or moved.
/// <c>check</c> runs as the release's user: exit 0 when it can write everything, 3 when not (the first entries on
/// stdout). <c>fix</c> runs as root with CAP_CHOWN only: exit 0 and the number of entries changed.
/// </summary>
public static class DataOwnerCli
{
    public const string Verb = "data-owner";
    public const int Done = 0, Failed = 1, BadCommandLine = 2, NotWritable = 3;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <param name="args">What follows <c>data-owner</c>.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return args switch
            {
                ["check", var directory] when Directory.Exists(directory) => Check(directory, stdout),
                ["fix", var directory, var owner] when Directory.Exists(directory) && TryParseOwner(owner, out var uid, out var gid) => Fix(directory, uid, gid, stdout),
                _ => Usage(stderr),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"data-owner: {e.Message}");
            return Failed;
        }
    }

    private static int Check(string directory, TextWriter stdout)
    {
        var blocked = Entries(directory).Where(entry => !entry.IsLink && access(entry.Path, entry.IsDirectory ? WriteAndSearch : Write) != 0).Select(e => e.Path).ToList();
        foreach (var path in blocked.Take(5))
            stdout.WriteLine(path);
        stdout.WriteLine($"{blocked.Count} entries not writable");
        return blocked.Count == 0 ? Done : NotWritable;
    }

    private static int Fix(string directory, uint uid, uint gid, TextWriter stdout)
    {
        var count = 0;
        foreach (var entry in Entries(directory))
        {
            if (lchown(entry.Path, uid, gid) != 0)
                throw new IOException($"lchown {entry.Path} failed (errno {Marshal.GetLastPInvokeError()})");
            count++;
        }
        stdout.WriteLine($"{count} entries now owned by {uid}:{gid}");
        return Done;
    }

    /// <summary>The directory itself and everything below it; a symbolic link is an entry of its own, never followed.</summary>
    private static IEnumerable<(string Path, bool IsDirectory, bool IsLink)> Entries(string directory)
    {
        var pending = new Stack<string>([directory]);
        yield return (directory, true, false);
        while (pending.TryPop(out var current))
        {
            foreach (var info in new DirectoryInfo(current).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }))
            {
                var isLink = info.LinkTarget is not null;
                var isDirectory = !isLink && info is DirectoryInfo;
                yield return (info.FullName, isDirectory, isLink);
                if (isDirectory)
                    pending.Push(info.FullName);
            }
        }
    }

    private static bool TryParseOwner(string text, out uint uid, out uint gid)
    {
        uid = gid = 0;
        var parts = text.Split(':');
        return parts.Length == 2 && uint.TryParse(parts[0], out uid) && uint.TryParse(parts[1], out gid) && uid != 0;
    }

    private static int Usage(TextWriter stderr)
    {
        stderr.WriteLine("usage: data-owner check <existing dir> | data-owner fix <existing dir> <uid>:<gid> (uid not 0)");
        return BadCommandLine;
    }

    private const int Write = 2, WriteAndSearch = 3; // W_OK, W_OK | X_OK

    [DllImport("libc", SetLastError = true)]
    private static extern int access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
