using System.Security.Cryptography;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Routing;

/// <summary>
/// A release that gets <see cref="Share"/> of the requests beside the active route, so a new release meets real traffic before all of it. Each client is
/// dealt a bucket once (<see cref="CanaryAssignment"/>) and kept on its side by a cookie naming <see cref="Key"/>, so a
/// new canary deals again. Persisted with the route, so a restarted edge keeps the split it was told to make.
/// </summary>
public sealed record Canary(Upstream Upstream, string Version, CanaryShare Share, string Key)
{
    public static Canary Create(Upstream upstream, string version, CanaryShare share) =>
        new(upstream, version, share, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));

    public CanaryView View() => new(Upstream.Prefix, Version, Share, Key);
}
