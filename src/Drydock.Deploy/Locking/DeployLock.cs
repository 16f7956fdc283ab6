using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy;

/// <summary>
/// One deploy or rollback per environment at a time: a created, never started container named
/// <c>drydock-lock-&lt;app&gt;-&lt;env&gt;</c>, whose labels say who holds it. Docker refuses a second container of that
/// name atomically, on any runner talking to the same engine. A lock whose holder is gone is taken over with a
/// warning (see <see cref="LockStaleness"/>), so a killed run never needs manual cleanup. While held, the holder
/// refreshes it (<see cref="LockHeartbeat"/>), so staleness across hosts is silence, not age.
/// </summary>
public sealed class DeployLock : IAsyncDisposable
{
    private readonly EnvironmentContainers _containers;
    private readonly IBuildLog _log;
    private readonly CancellationTokenSource _stopBeating = new();
    private Task _heartbeat = Task.CompletedTask;
    private bool _released;

    private DeployLock(EnvironmentContainers containers, IBuildLog log, string name, LockInfo info)
    {
        _containers = containers;
        _log = log;
        Name = name;
        Info = info;
    }

    public string Name { get; }

    public LockInfo Info { get; }

    /// <summary>Whether a stale lock was taken over (the previous run was interrupted).</summary>
    public bool TookOver { get; private init; }

    public static async Task<DeployLock> AcquireAsync(
        EnvironmentContainers containers, IBuildLog log, TimeProvider time, LockRequest request, CancellationToken cancellationToken)
    {
        var name = request.Environment.LockContainer;
        var info = new LockInfo(request.Holder, ProcessIdentity.Host, ProcessIdentity.ProcessId, request.ProcessStartedAt(ProcessIdentity.ProcessId),
            time.GetUtcNow(), request.Operation, Guid.NewGuid().ToString("N"));
        var labels = new Dictionary<string, string>(ReleaseLabels.Owner(request.Environment, ContainerRole.Lock));
        foreach (var (key, value) in info.ToLabels())
            labels[key] = value;
        var lockContainer = HolderImage.Container(name, labels, []);

        var tookOver = false;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var created = await HolderImage.CreateContainerAsync(containers.Docker, log, lockContainer, cancellationToken);
            if (created.Succeeded)
            {
                log.Write(LogLevel.Debug, $"Took the deploy lock {name}");
                var held = new DeployLock(containers, log, name, info) { TookOver = tookOver };
                held._heartbeat = held.BeatAsync(created.Output.Trim(), time, LockHeartbeat.Interval(request.LockTimeout));
                return held;
            }
            if (!IsNameConflict(created))
                throw new ToolFailedException(containers.Docker.Command(new DockerCreateSettings(lockContainer)), created, $"Could not create the deploy lock {name}: {created.Error}");

            var existing = await containers.InspectAsync(name, cancellationToken);
            if (existing is null)
                continue; // released meanwhile: try again
            var holder = LockInfo.FromLabels(existing.Labels, existing.Created) with { Heartbeat = await LockHeartbeat.ReadAsync(containers, existing.Id, cancellationToken) };
            var now = time.GetUtcNow();
            var stale = LockStaleness.Decide(holder, now, ProcessIdentity.Host, request.ProcessStartedAt, request.LockTimeout);
            if (stale is null)
                throw new DeployLockedException(
                    $"{request.Environment.Name} of {request.Environment.App} is locked by {holder.Describe(now)}; nothing was changed. "
                    + $"Wait for it to finish (if that run is truly gone, remove the lock with: docker rm {name}).", holder);
            log.Write(LogLevel.Warning, $"Taking over the deploy lock of {request.Environment.Name} from {holder.Describe(now)}: {stale}. Cleaning up after the interrupted run.");
            // By id: a run that judged the same lock stale a moment earlier may already hold a new one of this name.
            await containers.RemoveAsync([existing.Id], cancellationToken);
            tookOver = true;
        }
        throw new DeployException($"Could not take the deploy lock {name}: another run keeps taking it.");
    }

    /// <summary>Removes the lock if it is still ours (never another run's that took over a lock thought stale).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_released)
            return;
        _released = true;
        await _stopBeating.CancelAsync();
        await _heartbeat;
        _stopBeating.Dispose();
        try
        {
            var current = await _containers.InspectAsync(Name, CancellationToken.None);
            // By id: a run that took the name over since the inspect keeps its own lock.
            if (current is not null && current.Labels.GetValueOrDefault(LockInfo.IdLabel) == Info.LockId)
                await _containers.RemoveAsync([current.Id], CancellationToken.None);
        }
        catch (Exception e) when (e is ToolFailedException or DeployException)
        {
            _log.Write(LogLevel.Warning, $"Could not remove the deploy lock {Name}: {e.Message}. The next run takes it over.");
        }
    }

    /// <summary>Refreshes the lock until released; a missed beat is logged, and the next one tries again.</summary>
    private async Task BeatAsync(string lockId, TimeProvider time, TimeSpan interval)
    {
        var token = _stopBeating.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, token);
                await LockHeartbeat.WriteAsync(_containers, lockId, time.GetUtcNow(), token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is ToolFailedException or DeployException or IOException)
            {
                _log.Write(LogLevel.Warning, $"Could not refresh the deploy lock {Name}: {e.Message}. Trying again in {interval.TotalSeconds:0}s.");
            }
        }
    }

    // "Conflict. The container name "/x" is already in use by container ..."
    private static bool IsNameConflict(ToolResult result) =>
        result.StandardError.Any(line => line.Contains("is already in use", StringComparison.Ordinal) || line.Contains("Conflict", StringComparison.Ordinal));
}

/// <summary>What a lock is taken for, and how its staleness is judged.</summary>
public sealed record LockRequest(EnvironmentId Environment, string Operation, string Holder, TimeSpan LockTimeout)
{
    /// <summary>The start time of a process on this host (null: none); swappable for tests.</summary>
    public Func<int, DateTimeOffset?> ProcessStartedAt { get; init; } = ProcessIdentity.StartedAt;
}
