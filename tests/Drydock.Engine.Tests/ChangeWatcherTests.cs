using Drydock.Engine.Tooling;

namespace Drydock.Engine.Tests;

public sealed class ChangeWatcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("drydock-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_burst_of_changes_is_reported_once_after_it_settles_and_bin_obj_are_ignored()
    {
        using var watcher = new ChangeWatcher(_dir, TimeSpan.FromMilliseconds(300));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Directory.CreateDirectory(Path.Combine(_dir, "obj"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "obj", "ignored.cs"), "x");
        for (var i = 0; i < 3; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(_dir, "Program.cs"), $"// edit {i}");
            await Task.Delay(50);
        }

        var batch = await watcher.NextAsync(timeout.Token);
        Assert.Contains(Path.Combine(_dir, "Program.cs"), batch);
        Assert.DoesNotContain(batch, p => p.Contains("ignored"));

        // Nothing more changed: the next wait only ends by cancellation.
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watcher.NextAsync(quiet.Token));
    }
}
