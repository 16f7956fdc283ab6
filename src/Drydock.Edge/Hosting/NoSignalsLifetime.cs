namespace Drydock.Edge.Hosting;

/// <summary>A host lifetime that leaves process signals alone, for edges hosted inside another process (tests).</summary>
internal sealed class NoSignalsLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
