using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>Where the kill -9 lands in a deploy with the edge.</summary>
public enum KillPoint
{
    /// <summary>The new release runs beside the old one; the edge still routes to the old one.</summary>
    NewReleaseStarted,

    /// <summary>The moment the log says the edge routes to the new release.</summary>
    AfterSwitch,

    /// <summary>Seconds into the wait for the old release's in-flight requests.</summary>
    DuringDrain,
}

/// <summary>
/// The kill -9 matrix: the deploy's whole process group is killed at each point, then the next run
/// must leave it right: serving, history (the release an interrupted run put in service is recorded), Status, retention,
/// a later rollback, and no secret left in a file.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class KillMatrixTests(DeployFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(KillPoint.NewReleaseStarted, 19010)]
    [InlineData(KillPoint.AfterSwitch, 19011)]
    [InlineData(KillPoint.DuringDrain, 19012)]
    public async Task After_a_kill_9_the_next_run_serves_records_and_prunes_what_really_serves(KillPoint point, int port)
    {
        await using var env = new TestEnvironment(fixture, output, port: port);
        var manager = env.Manager();
        await manager.DeployAsync(env.Request(fixture.V2));
        await manager.DeployAsync(env.Request(fixture.V1)); // 2.0.0 stopped, kept for rollback (keepReleases 1)
        await env.Notes.AddAsync("before the kill");

        // Requests held in flight at the edge (their bodies trickle in): the drain after the switch waits for them. The
        // edge gives up on an upstream request after a while, so a fresh one starts every few seconds until the switch.
        var held = new List<HeldRequest>();
        var request = Path.Combine(fixture.WorkDirectory, $"{env.App}-request.json");
        await HarnessProgram.WriteRequestAsync(request, env.Request(fixture.V2));
        using var harness = HarnessProcess.StartDeploy(request, Path.Combine(fixture.WorkDirectory, $"{env.App}-harness.log"),
            new Dictionary<string, string> { [TestEnvironment.SecretName] = env.SecretValue });
        var switched = $" routes {env.Environment} to ";
        if (point == KillPoint.NewReleaseStarted)
            await WaitUntilAsync(async () => (await env.ContainersAsync(ContainerRole.Release)).Any(c => c.Running && c.Labels[ReleaseLabels.Version] == "2.0.0")
                || harness.Process.HasExited, TimeSpan.FromSeconds(90));
        else
        {
            var lastHeld = Stopwatch.StartNew();
            held.Add(await HoldRequestAsync(env.Port));
            await WaitUntilAsync(async () =>
            {
                if (harness.Output.Contains(switched, StringComparison.Ordinal) || harness.Process.HasExited)
                    return true;
                if (lastHeld.Elapsed > TimeSpan.FromSeconds(4))
                {
                    held.Add(await HeldRequest.StartAsync(env.Port));
                    lastHeld.Restart();
                }
                return false;
            }, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(10));
        }
        if (point == KillPoint.DuringDrain)
            await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(harness.Process.HasExited, "the harness ended before it could be killed:\n" + harness.Output);
        harness.KillGroup();
        await harness.Process.WaitForExitAsync();
        output.WriteLine($"harness output until the kill at {point}:\n" + harness.Output);

        var releasesAtKill = await env.ContainersAsync(ContainerRole.Release);
        Assert.Equal(3, releasesAtKill.Count);
        if (point == KillPoint.DuringDrain)
        {
            // Really during the drain: the old release still ran and the drain had not ended.
            Assert.Contains(releasesAtKill, c => c.Running && c.Labels[ReleaseLabels.Version] == "1.0.0");
            Assert.DoesNotContain(" drained in ", harness.Output, StringComparison.Ordinal);
        }
        var expectBefore = point == KillPoint.NewReleaseStarted ? "1.0.0" : "2.0.0";
        Assert.Equal(expectBefore, await env.Notes.VersionAsync());
        // The killed run wrote no record; Status calls its lock stale.
        Assert.Equal("1.0.0", (await manager.HistoryAsync(env.Id)).Last(r => r.Outcome == ReleaseOutcome.Succeeded).Version);
        var statusAfterKill = await manager.StatusAsync(env.Id);
        Assert.Contains("is no longer running", statusAfterKill.LockStale);
        Assert.Contains("STALE", statusAfterKill.Describe());
        held.ForEach(h => h.Dispose());

        var next = await env.Manager().DeployAsync(env.Request(fixture.V2));

        // The environment has a secret, so a deploy always makes a fresh container (secret values are never recorded).
        Assert.False(next.Unchanged);
        Assert.Equal(expectBefore, next.ReplacedVersion);
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        Assert.Equal(["before the kill"], await env.Notes.TextsAsync());
        var history = await manager.HistoryAsync(env.Id);
        var interrupted = history.Where(r => r.Message == HistoryReconciliation.InterruptedNote).ToList();
        if (point == KillPoint.NewReleaseStarted)
            Assert.Empty(interrupted);
        else
        {
            // The release the killed run put in service is in the history, right after the last one before it.
            var killedRelease = Assert.Single(releasesAtKill, c => c.Running && c.Labels[ReleaseLabels.Version] == "2.0.0");
            Assert.Equal((killedRelease.Name, "2.0.0", "1.0.0"), (Assert.Single(interrupted).Container, interrupted[0].Version, interrupted[0].PreviousVersion));
            Assert.Contains("recording it as a deploy by an interrupted run", env.Log.Text);
        }
        var last = history.Last(r => r.Outcome == ReleaseOutcome.Succeeded);
        Assert.Equal(("2.0.0", next.Container), (last.Version, last.Container));
        var status = await manager.StatusAsync(env.Id);
        output.WriteLine(status.Describe());
        Assert.True(status.MatchesLastRelease, status.Describe());
        Assert.False(status.Drift!.HasDrift, status.Drift.Describe());
        Assert.Null(status.Lock);
        // Retention: the serving release and keepReleases (1) stopped ones, nothing else.
        var releases = await env.ContainersAsync(ContainerRole.Release);
        Assert.Equal(next.Container, Assert.Single(releases, c => c.Running).Name);
        Assert.Equal(env.Config.KeepReleases, releases.Count(c => !c.Running));
        Assert.Empty(await env.ContainersAsync(ContainerRole.Candidate));
        Assert.Empty(await env.ContainersAsync(ContainerRole.Lock));
        Assert.Empty(FilesHolding(env.SecretValue));

        // A later rollback goes back from what really served to the release before it.
        var rollback = await env.Manager().RollbackAsync(env.Rollback());
        Assert.Equal(("1.0.0", "2.0.0"), (rollback.Deploy!.Release.Version, rollback.Deploy.ReplacedVersion));
        Assert.Equal("1.0.0", await env.Notes.VersionAsync());
    }

    /// <summary>
    /// Files that hold the secret value: Drydock's own files in the temp directory (env files were drydock-*.env there)
    /// and everything under the repository's temp. Not all of the temp directory: it also holds pipes that block a reader.
    /// </summary>
    private static IReadOnlyList<string> FilesHolding(string secret)
    {
        var files = Directory.EnumerateFiles(Path.GetTempPath(), "drydock-*", new EnumerationOptions { IgnoreInaccessible = true })
            .Concat(Directory.EnumerateFiles(RepositoryRoot.Temp(), "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }));
        var found = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var info = new FileInfo(file);
                if (info.LinkTarget is null && info.Length < 1 << 20 && File.ReadAllText(file).Contains(secret, StringComparison.Ordinal))
                    found.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process's file, or gone meanwhile: not ours.
            }
        }
        return found;
    }

    private static async Task<HeldRequest> HoldRequestAsync(int port)
    {
        var held = await HeldRequest.StartAsync(port);
        await Task.Delay(500); // the edge has accepted it and forwards it to the routed (old) release
        return held;
    }

    /// <summary>
    /// A POST whose body trickles in (JSON whitespace, fast enough for Kestrel's minimum data rate, under Notes' 64 KiB
    /// limit) for about a minute and a half: in flight at the edge on the upstream it started on, so a drain waits for it.
    /// </summary>
    private sealed class HeldRequest : IDisposable
    {
        private const int BodyLength = 60_000;
        private readonly TcpClient _client;
        private readonly CancellationTokenSource _stop = new();

        private HeldRequest(TcpClient client) => _client = client;

        public static async Task<HeldRequest> StartAsync(int port)
        {
            var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            var held = new HeldRequest(client);
            var head = $"POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {BodyLength}\r\n\r\n{{\"text\":\"held\"";
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            _ = held.TrickleAsync(BodyLength - Encoding.ASCII.GetByteCount("{\"text\":\"held\""));
            return held;
        }

        private async Task TrickleAsync(int left)
        {
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 300));
            try
            {
                while (left > chunk.Length + 1 && !_stop.IsCancellationRequested)
                {
                    await _client.GetStream().WriteAsync(chunk, _stop.Token);
                    left -= chunk.Length;
                    await Task.Delay(500, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Released, or the connection went away: either way it no longer holds anything.
            }
        }

        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            _stop.Cancel();
            _client.Dispose();
            _stop.Dispose();
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Condition not met within {timeout.TotalSeconds:0}s.");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100));
        }
    }
}
