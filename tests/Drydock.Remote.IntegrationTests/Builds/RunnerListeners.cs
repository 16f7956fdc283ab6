using System.Globalization;
using System.Net;

namespace Drydock.Remote.IntegrationTests;

/// <summary>A TCP socket listening on the runner, with the processes that hold it.</summary>
public sealed record Listener(string Address, long Inode, IReadOnlyList<int> Owners)
{
    public override string ToString() => $"{Address} (inode {Inode}, pids {string.Join(',', Owners)})";
}

/// <summary>
/// The runner's listening TCP sockets, read from /proc/net/tcp and tcp6 (state 0A), each mapped to the processes that
/// hold it through /proc/PID/fd. ss -p would say the same but needs privileges a runner may not give.
/// </summary>
public static class RunnerListeners
{
    public static IReadOnlyList<Listener> Read()
    {
        var sockets = ListeningSockets();
        var owners = sockets.Count == 0 ? [] : OwnersOf(sockets.Keys.ToHashSet());
        return sockets.Select(s => new Listener(s.Value, s.Key, owners.GetValueOrDefault(s.Key, []))).ToList();
    }

    /// <summary>The process and every descendant (through /proc/PID/task/*/children), as they are now.</summary>
    public static IReadOnlySet<int> Tree(int root)
    {
        var tree = new HashSet<int>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            if (!tree.Add(pid))
                continue;
            foreach (var task in SafeDirectories($"/proc/{pid}/task"))
                foreach (var child in SafeRead(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
        }
        return tree;
    }

    private static Dictionary<long, string> ListeningSockets()
    {
        var sockets = new Dictionary<long, string>();
        foreach (var (file, v6) in new[] { ("/proc/net/tcp", false), ("/proc/net/tcp6", true) })
            foreach (var line in SafeRead(file).Split('\n').Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10 || fields[3] != "0A")
                    continue;
                sockets[long.Parse(fields[9], CultureInfo.InvariantCulture)] = Endpoint(fields[1], v6);
            }
        return sockets;
    }

    // "0100007F:1388" is 127.0.0.1:5000: the address in the kernel's byte order, 4-byte words for IPv6.
    private static string Endpoint(string hex, bool v6)
    {
        var (address, port) = (hex[..hex.IndexOf(':')], int.Parse(hex[(hex.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        var bytes = Convert.FromHexString(address);
        for (var word = 0; word < bytes.Length; word += 4)
            Array.Reverse(bytes, word, 4);
        var ip = new IPAddress(bytes);
        return v6 ? $"[{ip}]:{port}" : $"{ip}:{port}";
    }

    private static Dictionary<long, IReadOnlyList<int>> OwnersOf(HashSet<long> inodes)
    {
        var owners = new Dictionary<long, List<int>>();
        foreach (var directory in SafeDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            foreach (var fd in SafeFiles(Path.Combine(directory, "fd")))
            {
                string? target;
                try { target = new FileInfo(fd).LinkTarget; }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && long.TryParse(target[8..^1], CultureInfo.InvariantCulture, out var inode) && inodes.Contains(inode))
                {
                    if (!owners.TryGetValue(inode, out var list))
                        owners[inode] = list = [];
                    if (!list.Contains(pid))
                        list.Add(pid);
                }
            }
        }
        return owners.ToDictionary(o => o.Key, o => (IReadOnlyList<int>)o.Value);
    }

    private static string SafeRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return string.Empty; }
    }

    private static string[] SafeDirectories(string path)
    {
        try { return Directory.GetDirectories(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static string[] SafeFiles(string path)
    {
        try { return Directory.GetFiles(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
