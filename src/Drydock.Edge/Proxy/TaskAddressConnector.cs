using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Drydock.Edge.Proxy;

/// <summary>
/// Connects to an upstream whose name stands for several addresses (a Swarm service's tasks through DNS round robin:
/// <c>http://notes-cluster-active:8080</c>): each new connection resolves the name again, starts at the next address in
/// turn, and moves on to the next when one does not accept within <see cref="AttemptTimeout"/> (a task on a node that
/// went away). An address that failed is tried last for <see cref="FailurePenalty"/>: the edge checks each task itself,
/// so a dead task costs one refused or timed-out connect, not every request's. A name with one address (a container on
/// a one-host environment) or an IP literal connects exactly as before.
/// </summary>
public sealed class TaskAddressConnector(Func<string, CancellationToken, Task<IPAddress[]>> resolve, TimeProvider time)
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan FailurePenalty = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LastKnownFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<IPEndPoint, DateTimeOffset> _failedAt = new();
    private readonly ConcurrentDictionary<string, (IPAddress[] Addresses, DateTimeOffset At)> _lastKnown = new(StringComparer.OrdinalIgnoreCase);
    private int _turn = -1;

    public static TaskAddressConnector System { get; } = new((host, token) => Dns.GetHostAddressesAsync(host, token), TimeProvider.System);

    /// <summary>Addresses that failed within the penalty, as the connector sees them now (for tests and logs).</summary>
    public IReadOnlyCollection<IPEndPoint> Penalized => _failedAt.Where(f => time.GetUtcNow() - f.Value < FailurePenalty).Select(f => f.Key).ToArray();

    /// <summary>Pure: the order to try <paramref name="addresses"/> in on this <paramref name="turn"/>: rotated, recently failed ones last.</summary>
    public static IReadOnlyList<T> Order<T>(IReadOnlyList<T> addresses, int turn, Func<T, bool> failedRecently)
    {
        if (addresses.Count == 0)
            return [];
        var start = (int)((uint)turn % (uint)addresses.Count);
        var rotated = addresses.Skip(start).Concat(addresses.Take(start)).ToArray();
        return [.. rotated.Where(a => !failedRecently(a)), .. rotated.Where(failedRecently)];
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await resolve(host, cancellationToken);
        }
        catch (SocketException) when (LastKnown(host) is { } known)
        {
            return known;
        }
        if (addresses.Length > 0)
        {
            _lastKnown[host] = (addresses, time.GetUtcNow());
            return addresses;
        }
        return LastKnown(host) ?? addresses;
    }

    private IPAddress[]? LastKnown(string host) =>
        _lastKnown.TryGetValue(host, out var known) && time.GetUtcNow() - known.At < LastKnownFor ? known.Addresses : null;

    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await ResolveAsync(endpoint.Host, cancellationToken);
        var now = time.GetUtcNow();
        var order = Order(addresses.Select(a => new IPEndPoint(a, endpoint.Port)).ToArray(), Interlocked.Increment(ref _turn),
            e => _failedAt.TryGetValue(e, out var at) && now - at < FailurePenalty);
        Exception? last = null;
        foreach (var target in order)
        {
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // With one address there is nowhere else to go: the handler's own connect timeout applies.
            if (order.Count > 1)
                attempt.CancelAfter(AttemptTimeout);
            try
            {
                await socket.ConnectAsync(target, attempt.Token);
                _failedAt.TryRemove(target, out _);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                socket.Dispose();
                _failedAt[target] = time.GetUtcNow();
                last = e;
            }
        }
        throw new HttpRequestException(
            order.Count == 0 ? $"{endpoint.Host} resolves to no address (no task of the release is running)." : $"No address of {endpoint.Host} ({string.Join(", ", order)}) accepted a connection.",
            last);
    }
}
