using System.Globalization;
using System.Runtime.InteropServices;
using Drydock.Engine.Tooling;

namespace Drydock.Docker;

/// <summary>
/// Starts the ssh client in a process group of its own, with a guard that ends it when the build process dies
/// (even by kill -9), and stops the whole group by its id. Output goes to a log file the failure messages read.
/// </summary>
internal static class TunnelProcess
{
    // $1 owner pid, $2 log, rest the command. The guard waits for ssh; a watcher kills ssh once the owner is gone.
    // setsid makes the guard the leader of a new group, so one kill of the group ends guard, watcher and ssh.
    private const string Script =
        """
        owner="$1"; log="$2"; shift 2
        setsid sh -c '
          owner="$1"; shift
          "$@" & child=$!
          ( while kill -0 "$owner" 2>/dev/null; do sleep 1; done; kill "$child" 2>/dev/null ) & watcher=$!
          wait "$child"; status=$?
          kill "$watcher" 2>/dev/null
          exit "$status"
        ' drydock-ssh-guard "$owner" "$@" >>"$log" 2>&1 </dev/null &
        echo $!
        """;

    private const int SigTerm = 15;
    private const int SigKill = 9;

    public static ToolCommand StartCommand(string logPath, int ownerProcessId, string fileName, IReadOnlyList<string> arguments) =>
        new("sh", ["-c", Script, "drydock-ssh", ownerProcessId.ToString(CultureInfo.InvariantCulture), logPath, fileName, .. arguments])
        {
            EchoOutput = false,
        };

    /// <summary>Starts the process and returns its group id (the guard's pid).</summary>
    /// <param name="ownerProcessId">The process whose death ends the group: this one, unless a test stands in for a killed build.</param>
    public static async Task<int> StartAsync(
        IToolRunner runner, string logPath, string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken, int? ownerProcessId = null)
    {
        var command = StartCommand(logPath, ownerProcessId ?? Environment.ProcessId, fileName, arguments) with { Environment = environment };
        var result = await runner.RunAsync(command, cancellationToken);
        return int.TryParse(result.StandardOutput.LastOrDefault()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidOperationException($"Started '{fileName}' but could not read its process id from '{result.Output}'.");
    }

    /// <summary>True while the process runs (a zombie nobody reaped yet counts as gone).</summary>
    public static bool IsAlive(int processId)
    {
        if (!Directory.Exists("/proc/self"))
            return Kill(processId, 0) == 0;
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// SIGTERM to the group, SIGKILL to what is left after the grace period, then waits (briefly) until no member
    /// runs: signals are delivered asynchronously, and the caller removes the socket only once ssh is gone.
    /// Synchronous: safe in a process-exit handler.
    /// </summary>
    public static void StopGroup(int groupId, TimeSpan grace)
    {
        _ = Kill(-groupId, SigTerm);
        WaitUntilGone(groupId, grace);
        _ = Kill(-groupId, SigKill);
        WaitUntilGone(groupId, TimeSpan.FromSeconds(2));
    }

    /// <summary>True while any process of the group runs (zombies nobody reaped yet do not count).</summary>
    public static bool IsGroupAlive(int groupId)
    {
        if (!Directory.Exists("/proc/self"))
            return Kill(-groupId, 0) == 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // After the ")" that ends the command name: state, ppid, pgrp, …
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 4);
                if (fields[2] == groupId.ToString(CultureInfo.InvariantCulture) && fields[0] is not ("Z" or "X"))
                    return true;
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        return false;
    }

    private static void WaitUntilGone(int groupId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsGroupAlive(groupId) && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
    }

    // A direct kill(2): synchronous and without starting a process, so it works inside a process-exit handler.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
