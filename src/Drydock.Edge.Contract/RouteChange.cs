namespace Drydock.Edge.Contract;

/// <summary>
/// The body of <c>PUT /routes</c>: switch the environment's traffic to <see cref="Upstream"/>. The switch is atomic: a
/// request that starts after the answer goes to the new upstream; requests already forwarded to the old one finish there.
/// </summary>
/// <param name="Upstream">Where the release listens on the private network, e.g. <c>http://notes-production-1.2.3-a1b2c3:8080</c>: scheme, host and port only.</param>
/// <param name="Version">The release's version, reported by <c>GET /routes</c>.</param>
public sealed record RouteChange(string Upstream, string Version)
{
    /// <summary>When set, the edge itself GETs this path on the new upstream first and refuses the switch (422) unless it answers 2xx.</summary>
    public string? HealthPath { get; init; }

    /// <summary>When set, the switch happens only if the route table is still at this generation (409 otherwise): a guard against two deployers.</summary>
    public long? ExpectedGeneration { get; init; }
}
