namespace Drydock.Deploy.Tests;

/// <summary>Answers health probes by port, as the test says.</summary>
internal sealed class FakeProbe(Func<Uri, HttpProbeResult> answer) : IHttpProbe
{
    public List<Uri> Probed { get; } = [];

    public Task<HttpProbeResult> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        lock (Probed)
            Probed.Add(uri);
        return Task.FromResult(answer(uri));
    }

    public static FakeProbe AlwaysHealthy() => new(_ => new HttpProbeResult(200));
}
