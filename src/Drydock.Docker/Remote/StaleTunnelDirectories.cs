using System.Globalization;

namespace Drydock.Docker;

/// <summary>
/// The private directories (socket, ssh log, known_hosts copy) of tunnels whose build was killed (kill -9 gives it no
/// chance to remove its own; the guard still ends its ssh). Each directory names the process that opened it in an
/// <c>owner</c> file; the next tunnel removes those whose owner is gone. A directory without one (an older Drydock's)
/// or whose owner still runs is never touched, nor one that is not this user's own (another user's, a symbolic link, or
/// one others may write to): under the shared /tmp anyone can create a directory with this prefix.
/// </summary>
public static class StaleTunnelDirectories
{
    public const string Prefix = "drydock-ssh-";

    public const string OwnerFile = "owner";

    /// <summary>Which of the directories are stale: this user's own, and the process their owner file names is gone.</summary>
    public static IReadOnlyList<string> Select(IEnumerable<TunnelDirectory> directories, Func<int, bool> isAlive) =>
        directories.Where(d => d.Mine && d.OwnerProcess is { } owner && !isAlive(owner)).Select(d => d.Path).ToList();

    /// <summary>Removes the stale directories under the temp folder; returns how many. Never throws: cleaning is best effort.</summary>
    public static int Remove(string temporaryRoot, Func<int, bool> isAlive)
    {
        try
        {
            var user = UnixFileStatus.CurrentUser;
            var found = Directory.GetDirectories(temporaryRoot, Prefix + "*")
                .Select(d => UnixFileStatus.Read(d) is { } status && status.IsPrivateTo(user) ? new TunnelDirectory(d, ReadOwner(d), Mine: true) : new TunnelDirectory(d, null, Mine: false));
            var stale = Select(found, isAlive);
            foreach (var directory in stale)
                Directory.Delete(directory, recursive: true);
            return stale.Count;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static void WriteOwner(string directory, int processId) =>
        File.WriteAllText(Path.Combine(directory, OwnerFile), processId.ToString(CultureInfo.InvariantCulture));

    private static int? ReadOwner(string directory)
    {
        try
        {
            var path = Path.Combine(directory, OwnerFile);
            return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>A tunnel directory as found: the process its owner file names (null when none or unreadable), and whether it is this user's own.</summary>
public sealed record TunnelDirectory(string Path, int? OwnerProcess, bool Mine);
