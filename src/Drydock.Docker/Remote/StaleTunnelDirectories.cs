using System.Globalization;

namespace Drydock.Docker;

/// <summary>
/// The private directories (socket, ssh log, known_hosts copy) of tunnels whose build was killed (kill -9 gives it no
/// chance to remove its own; the guard still ends its ssh). Each directory names the process that opened it in an
/// <c>owner</c> file; the next tunnel removes those whose owner is gone. A directory without one (an older Drydock's)
/// or whose owner still runs is never touched.
/// </summary>
public static class StaleTunnelDirectories
{
    public const string Prefix = "drydock-ssh-";

    public const string OwnerFile = "owner";

    /// <summary>Which of the directories, each with the owner its file names (null when none or unreadable), are stale.</summary>
    public static IReadOnlyList<string> Select(IEnumerable<(string Directory, int? Owner)> directories, Func<int, bool> isAlive) =>
        directories.Where(d => d.Owner is { } owner && !isAlive(owner)).Select(d => d.Directory).ToList();

    /// <summary>Removes the stale directories under the temp folder; returns how many. Never throws: cleaning is best effort.</summary>
    public static int Remove(string temporaryRoot, Func<int, bool> isAlive)
    {
        try
        {
            var found = Directory.GetDirectories(temporaryRoot, Prefix + "*").Select(d => (d, ReadOwner(d)));
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
