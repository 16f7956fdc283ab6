using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>How a request to end a window went.</summary>
public abstract record WindowEnd
{
    /// <summary>No deploy holds the environment's lock (or the one holding it is gone): nothing was asked, nothing changed.</summary>
    public sealed record NoDeploy(string Reason) : WindowEnd;

    /// <summary>The deploy that held the lock has finished; <see cref="Record"/> is what it recorded (null: nothing).</summary>
    public sealed record Finished(WindowSignal Signal, HistoryRecord? Record) : WindowEnd
    {
        /// <summary>Whether the deploy ended as asked: promoted (succeeded) or reverted by this request.</summary>
        public bool Honoured => Record is { } record && (Signal.Action == WindowAction.Promote
            ? record.Outcome == ReleaseOutcome.Succeeded && record.Message?.Contains(Signal.Command, StringComparison.Ordinal) == true
            : record.Outcome == ReleaseOutcome.Reverted && record.Message?.Contains(Signal.Command, StringComparison.Ordinal) == true);
    }
}

/// <summary>
/// <c>./build.sh Promote</c> and <c>Rollback</c> while a deploy holds the environment's lock in its window: they cannot take
/// the lock, so they ask (a <see cref="WindowSignal"/> naming that lock), and the deploy, which reads the signal every
/// tick, acts: it alone changes the edge. Then they wait for the deploy to finish and report what it recorded.
/// </summary>
public sealed class WindowControl(DockerCli docker, IBuildLog log, ReleaseManagerOptions? options = null)
{
    private readonly ReleaseManagerOptions _options = options ?? new ReleaseManagerOptions();
    private readonly EnvironmentContainers _containers = new(docker);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <param name="wait">How long the deploy may take to finish after the request (its window and, before it, its health checks).</param>
    public async Task<WindowEnd> EndAsync(EnvironmentId environment, WindowAction action, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (await _containers.InspectAsync(environment.LockContainer, cancellationToken) is not { } held)
            return new WindowEnd.NoDeploy($"no deploy is running in {environment.Name}");
        var holder = LockInfo.FromLabels(held.Labels, held.Created) with { Heartbeat = await LockHeartbeat.ReadAsync(_containers, held.Id, cancellationToken) };
        var now = _options.Time.GetUtcNow();
        if (!holder.Operation.StartsWith("deploy ", StringComparison.Ordinal))
            return new WindowEnd.NoDeploy($"{environment.Name} is locked by {holder.Describe(now)}, not by a deploy");
        if (LockStaleness.Decide(holder, now, ProcessIdentity.Host, _options.ProcessStartedAt, new EnvironmentConfig().LockTimeout) is { } stale)
            return new WindowEnd.NoDeploy($"the deploy that locked {environment.Name} is gone ({stale})");

        var signal = new WindowSignal(action, holder.LockId, ProcessIdentity.Actor(_options.ReadEnvironment), now);
        await WindowSignals.SendAsync(_containers, log, environment, signal, cancellationToken);
        log.Write(LogLevel.Information, $"Asked the running {holder.Operation} in {environment.Name} ({holder.Describe(now)}) to {(action == WindowAction.Promote ? "promote its release now" : "revert now")}; waiting for it to finish");
        var clock = _options.Time.GetTimestamp();
        while (await _containers.InspectAsync(environment.LockContainer, cancellationToken) is { } still && LockInfo.FromLabels(still.Labels, still.Created).LockId == holder.LockId)
        {
            if (_options.Time.GetElapsedTime(clock) > wait)
                throw new DeployException(
                    $"The {holder.Operation} in {environment.Name} did not finish within {wait.TotalSeconds:0}s of the request. The request stands: it acts on it once its window starts. Check with ./build.sh Status.");
            await Task.Delay(PollInterval, _options.Time, cancellationToken);
        }
        await WindowSignals.ClearAsync(_containers, environment, holder.LockId, CancellationToken.None);
        var history = _options.History ?? new VolumeReleaseHistory(_containers, log);
        var records = await history.ReadAsync(environment, cancellationToken);
        return new WindowEnd.Finished(signal, records.Count == 0 ? null : records[^1]);
    }
}
