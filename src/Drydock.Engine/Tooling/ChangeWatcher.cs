namespace Drydock.Engine.Tooling;

/// <summary>
/// Waits for files under a folder to change and settle: edits come in bursts (an editor saves, a formatter rewrites),
/// so a change counts once nothing else has changed for the debounce interval. bin/ and obj/ are ignored.
/// </summary>
public sealed class ChangeWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly TimeSpan _debounce;
    private readonly object _gate = new();
    private readonly List<string> _changed = [];
    private DateTime _lastChange;

    public ChangeWatcher(string folder, TimeSpan debounce)
    {
        _debounce = debounce;
        _watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Changed += (_, e) => Record(e.FullPath);
        _watcher.Created += (_, e) => Record(e.FullPath);
        _watcher.Deleted += (_, e) => Record(e.FullPath);
        _watcher.Renamed += (_, e) => Record(e.FullPath);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The paths that changed, once they have been quiet for the debounce interval.</summary>
    public async Task<IReadOnlyList<string>> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            lock (_gate)
            {
                if (_changed.Count == 0 || DateTime.UtcNow - _lastChange < _debounce)
                    continue;
                var batch = _changed.Distinct().ToList();
                _changed.Clear();
                return batch;
            }
        }
    }

    public void Dispose() => _watcher.Dispose();

    private void Record(string path)
    {
        var segments = Path.GetRelativePath(_watcher.Path, path).Split(Path.DirectorySeparatorChar);
        if (segments.Contains("bin") || segments.Contains("obj"))
            return;
        lock (_gate)
        {
            _changed.Add(path);
            _lastChange = DateTime.UtcNow;
        }
    }
}
