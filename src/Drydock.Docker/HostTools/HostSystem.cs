namespace Drydock.Docker;

/// <summary>Facts about this machine that decide whether Drydock may install or start things itself.</summary>
public static class HostSystem
{
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    public static bool IsDebian => File.Exists("/etc/debian_version");

    /// <summary>The full path of an executable found on PATH, or null.</summary>
    public static string? FindExecutable(string name)
    {
        if (name.Contains('/'))
            return File.Exists(name) ? name : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(candidate => File.Exists(candidate)
                && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0));
    }

    /// <summary>Whether a process lives (and is not a zombie waiting to be reaped).</summary>
    public static bool IsProcessAlive(int processId)
    {
        var stat = $"/proc/{processId}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            // Format: "pid (comm) S ..."; comm may contain spaces, so read the state after the last ')'.
            var state = text[(text.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X' or '\0');
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
