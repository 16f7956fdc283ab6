using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The ticks of a verification or canary window: each tick reads the edge's metrics and the window signal once (read),
/// asks the caller's judge and <see cref="WindowDecision"/> (decide), and returns the first step that is not
/// <see cref="WindowStep.Continue"/>; the caller acts on it. A reading that fails is judged with the last one: the
/// window does not stretch.
/// </summary>
public sealed class WindowWatch(DeployContext context, EnvironmentId environment, string? lockId, TimeSpan window)
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <param name="judge">The verdict from the latest metrics (null: none read yet) and whether the window is over.</param>
    public Task<WindowStep> RunAsync(EdgeAdminClient admin, Func<EdgeMetricsView?, bool, VerificationVerdict> judge, CancellationToken cancellationToken) =>
        RunAsync(admin.GetMetricsAsync, judge, cancellationToken);

    /// <summary>The same over any reading of the traffic: the edge's metrics, or a cluster's edge request log.</summary>
    /// <param name="read">One reading; an HTTP, admin, JSON or tool failure is logged and judged with the last reading.</param>
    public async Task<WindowStep> RunAsync<TReading>(Func<CancellationToken, Task<TReading>> read, Func<TReading?, bool, VerificationVerdict> judge, CancellationToken cancellationToken)
        where TReading : class
    {
        var clock = context.Time.GetTimestamp();
        TReading? reading = null;
        while (true)
        {
            await Task.Delay(PollInterval, context.Time, cancellationToken);
            var over = context.Time.GetElapsedTime(clock) >= window;
            try
            {
                reading = await read(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or EdgeAdminException or System.Text.Json.JsonException or Drydock.Engine.Tooling.ToolFailedException)
            {
                context.Log.Write(LogLevel.Warning, $"Could not read the edge's metrics ({e.Message}); judging with the last reading");
            }
            WindowSignal? signal = null;
            try
            {
                signal = await WindowSignals.ReadAsync(context.Containers, environment, cancellationToken);
            }
            catch (Drydock.Engine.Tooling.ToolFailedException e)
            {
                context.Log.Write(LogLevel.Warning, $"Could not read the window signal ({e.Message}); reading it again next tick");
            }
            var step = WindowDecision.Decide(judge(reading, over), signal, lockId);
            if (step is not WindowStep.Continue)
                return step;
        }
    }

    /// <summary>An upstream's entry in the metrics; null when the edge does not list it (yet).</summary>
    public static UpstreamMetricsView? Find(EdgeMetricsView? metrics, string upstream)
    {
        var key = UpstreamAddress.Normalize(upstream);
        return metrics?.Upstreams.FirstOrDefault(u => UpstreamAddress.Normalize(u.Upstream) == key);
    }
}
