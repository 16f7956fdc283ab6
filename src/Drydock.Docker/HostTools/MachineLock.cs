using System.Diagnostics;
using System.Text.RegularExpressions;
using Drydock.Engine.Output;

namespace Drydock.Docker;

/// <summary>
/// A machine-wide lock for what two builds (or two test suites) on one runner must not make at the same time: the
/// offline base image, the edge image, the local registry on its port, a dockerd start. The first one makes it while
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
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), DirectoryName, safe + ".lock");
    }

    /// <summary>The lock if no one (in this or another process) holds it now, else null. Never waits.</summary>
    public static MachineLock? TryAcquire(string name)
    {
        var path = PathOf(name);
        EnsureSharedDirectory(System.IO.Path.GetDirectoryName(path)!);
        try
        {
            // Read access is enough for an exclusive flock, so a lock file another user created still locks.
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

    /// <summary>Like /tmp itself (1777): every user's builds on the runner can add their lock files to it.</summary>
    private static void EnsureSharedDirectory(string directory)
    {
        if (Directory.Exists(directory))
            return;
        Directory.CreateDirectory(directory);
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            File.SetUnixFileMode(directory, UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        }
        catch (UnauthorizedAccessException)
        {
            // Another user made it at the same moment: theirs, and as open as this.
        }
    }

    /// <summary>Releases the lock (closing the file drops the flock); the empty file stays for the next holder.</summary>
    public void Dispose() => _file.Dispose();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeCharacters();
}
