using System.Collections.Concurrent;

namespace Drydock.Remote.IntegrationTests;

/// <summary>
/// Watches a running <c>./build.sh</c> every 200 ms until it ends: which runner listeners belong to it (its process
/// tree, or the tunnel's ssh to the node's port, which leaves that tree by design), and whether any process on the
/// machine (the nodes' processes included: they share the kernel) has a secret on its command line.
/// </summary>
public sealed class RunObserver : IAsyncDisposable
{
    private readonly BuildSh _build;
    private readonly int _sshPort;
    private readonly IReadOnlyList<string> _secrets;
    private readonly IReadOnlySet<long> _listeningBefore;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _samples;
    private int _tunnelSightings;

    public RunObserver(BuildSh build, int sshPort, params string[] secrets)
    {
        _build = build;
        _sshPort = sshPort;
        _secrets = secrets;
        _listeningBefore = RunnerListeners.Read().Select(l => l.Inode).ToHashSet();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Listeners that appeared during the run and were held by it.</summary>
    public ConcurrentDictionary<long, Listener> ListenersOfTheRun { get; } = new();

    /// <summary>Command lines (secrets masked) that carried a secret.</summary>
    public ConcurrentQueue<string> CommandLinesWithSecret { get; } = new();

    public int Samples => _samples;

    /// <summary>Samples in which the run's ssh client to the node was seen: proves the watch covered the tunnel.</summary>
    public int TunnelSightings => _tunnelSightings;

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var run = RunnerListeners.Tree(_build.Process.Id).ToHashSet();
            var tunnel = LeftOvers.SshClientsTo(_sshPort);
            if (tunnel.Count > 0)
                Interlocked.Increment(ref _tunnelSightings);
            foreach (var pid in tunnel)
                run.UnionWith(RunnerListeners.Tree(pid));
            foreach (var listener in RunnerListeners.Read().Where(l => !_listeningBefore.Contains(l.Inode) && l.Owners.Any(run.Contains)))
                ListenersOfTheRun.TryAdd(listener.Inode, listener);
            if (_secrets.Count > 0)
                foreach (var line in CommandLines().Where(c => _secrets.Any(s => c.Contains(s, StringComparison.Ordinal))))
                    CommandLinesWithSecret.Enqueue(_secrets.Aggregate(line, (text, secret) => text.Replace(secret, "***", StringComparison.Ordinal)));
            Interlocked.Increment(ref _samples);
            if (_build.Process.HasExited)
                return;
            try { await Task.Delay(200, _stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    private static IEnumerable<string> CommandLines()
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
                continue;
            string text;
            try { text = File.ReadAllText(Path.Combine(directory, "cmdline")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (text.Length > 0)
                yield return text.Replace('\0', ' ');
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
