using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Waits until a container is healthy, bounded by a timeout: Docker's health status when the image has a HEALTHCHECK,
/// and (when a health path is configured) a 2xx from that path on the container's published port. Both must agree.
/// Fails early when the container exits, restarts, or Docker calls it unhealthy.
/// </summary>
public sealed class HealthWaiter(EnvironmentContainers containers, IHttpProbe probe, TimeProvider time, IBuildLog log)
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public async Task<HealthVerdict> WaitAsync(string container, Uri? probeUri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        DateTimeOffset? firstAnswer = null;
        var lastProbe = "not probed yet";
        var nextReport = TimeSpan.FromSeconds(10);
        while (true)
        {
            var waited = time.GetElapsedTime(started);
            var state = await containers.InspectAsync(container, cancellationToken);
            if (state is null)
                return new HealthVerdict(false, $"{container} disappeared", waited);
            if (!state.Running)
                return Fail(state, $"{container} exited with code {state.ExitCode}", waited, firstAnswer);
            if (state.RestartCount > 0)
                return Fail(state, $"{container} restarted {state.RestartCount} time(s)", waited, firstAnswer);
            if (state.HealthStatus == "unhealthy")
                return Fail(state, $"Docker reports {container} unhealthy", waited, firstAnswer);

            var probeOk = true;
            if (probeUri is not null)
            {
                var answer = await probe.GetAsync(probeUri, cancellationToken);
                lastProbe = $"{answer} from {probeUri}";
                probeOk = answer.Succeeded;
                if (probeOk && firstAnswer is null)
                    firstAnswer = time.GetUtcNow();
            }
            var dockerOk = state.HealthStatus is null or "healthy";
            if (probeOk && dockerOk)
            {
                string[] evidence = [.. state.HealthStatus is null ? [] : new[] { "Docker reports healthy" }, .. probeUri is null ? [] : new[] { lastProbe }];
                var how = evidence.Length == 0 ? $"{container} is running (no health check configured)" : string.Join(", ", evidence);
                return new HealthVerdict(true, how, time.GetElapsedTime(started))
                {
                    FirstAnswer = firstAnswer,
                    HealthOutput = state.LastHealthOutput,
                };
            }

            waited = time.GetElapsedTime(started);
            if (waited >= timeout)
                return Fail(state, $"{container} was not healthy within {timeout.TotalSeconds:0}s (Docker health: {state.HealthStatus ?? "none"}; probe: {lastProbe})", waited, firstAnswer);
            if (waited >= nextReport)
            {
                log.Write(LogLevel.Information, $"Waiting for {container} to be healthy ({waited.TotalSeconds:0}s of {timeout.TotalSeconds:0}s; Docker health: {state.HealthStatus ?? "none"}; probe: {lastProbe})");
                nextReport += TimeSpan.FromSeconds(10);
            }
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private static HealthVerdict Fail(ContainerState state, string reason, TimeSpan waited, DateTimeOffset? firstAnswer) =>
        new(false, reason, waited) { FirstAnswer = firstAnswer, HealthOutput = state.LastHealthOutput };
}
