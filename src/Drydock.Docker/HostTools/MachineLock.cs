using System.Diagnostics;
using System.Text.RegularExpressions;
using Drydock.Engine.Output;

namespace Drydock.Docker;

/// <summary>
/// A machine-wide lock for what two builds (or two test suites) on one runner must not make at the same time: the
/// offline base image, the edge image, the local registry on its port, a dockerd start (builds of one user: each user
/// has a private lock directory, see <see cref="EnsurePrivateDirectory"/>). The first one makes it while
/// the others wait, then find it made. It is an exclusive <c>flock</c> on a file under the temp directory (what .NET's
/// <see cref="FileShare.None"/> takes on Linux), so the kernel drops it when its holder exits, even killed: no stale
/// lock to clean up.
/// </summary>
public sealed partial class MachineLock : IDisposable
{
    public const string DirectoryName = "drydock-locks";

    private readonly FileStream _file;

    private MachineLock(FileStream file) => _file = file;

    public string Path => _file.Name;

    /// <summary>The lock file of a name such as <c>registry-127.0.0.1-5000</c>; the name is kept to safe characters.</summary>
    public static string PathOf(string name)
    {
        var safe = UnsafeCharacters().Replace(name, "-");
        return safe.Length == 0 || safe.Trim('.', '-').Length == 0
            ? throw new ArgumentException($"'{name}' is not a usable lock name: use letters, digits, '.', '_' or '-'.", nameof(name))
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), UserDirectoryName, safe + ".lock");
    }

    /// <summary>The lock if no one (in this or another process) holds it now, else null. Never waits.</summary>
    public static MachineLock? TryAcquire(string name)
    {
        var path = PathOf(name);
        EnsurePrivateDirectory(System.IO.Path.GetDirectoryName(path)!);
        try
        {
            // Read access is enough for an exclusive flock.
            return new MachineLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None));
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            // A plain IOException is how .NET says another open file holds the flock; missing directories and
            // permissions are other exception types and stay errors.
            return null;
        }
    }

    /// <summary>Waits (polling; cancellable) until the lock is free, saying once what it waits for.</summary>
    /// <param name="what">For the log, e.g. "the base image build".</param>
    public static async Task<MachineLock> AcquireAsync(string name, string what, IBuildLog log, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var announced = false;
        while (true)
        {
            if (TryAcquire(name) is { } acquired)
            {
                if (announced)
                    log.Write(LogLevel.Information, $"Got the lock for {what} after {clock.Elapsed.TotalSeconds:0.0}s");
                return acquired;
            }
            if (!announced)
            {
                log.Write(LogLevel.Information, $"Waiting for {what}: another build on this machine holds {PathOf(name)}");
                announced = true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>
    /// Per user and private (0700): in a shared one, another user could create a lock file first and hold its flock
    /// forever. Anything else at the path (another user's, a symbolic link, open to others) is refused, never adopted.
    /// </summary>
    internal static void EnsurePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        if (!System.IO.Path.Exists(directory))
            Directory.CreateDirectory(directory, Private);
        var status = UnixFileStatus.Read(directory);
        var mine = status is { } found
            ? found.IsPrivateTo(UnixFileStatus.CurrentUser)
            : new DirectoryInfo(directory).LinkTarget is null && (File.GetUnixFileMode(directory) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;
        if (!mine)
            throw new InvalidOperationException(
                $"The lock directory {directory} is not this user's own (another user's, a symbolic link, or writable by others), so someone else could hold its locks forever. Check what it is, remove it (rm -r '{directory}', as its owner or root) and run again.");
        if (File.GetUnixFileMode(directory) != Private)
            File.SetUnixFileMode(directory, Private);
    }

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static string UserDirectoryName => $"{DirectoryName}-{UnixFileStatus.CurrentUser?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Environment.UserName}";

    /// <summary>Releases the lock (closing the file drops the flock); the empty file stays for the next holder.</summary>
    public void Dispose() => _file.Dispose();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeCharacters();
}
