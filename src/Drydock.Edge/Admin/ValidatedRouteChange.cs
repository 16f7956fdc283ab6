namespace Drydock.Edge.Admin;

/// <summary>A <see cref="Contract.RouteChange"/> that passed <see cref="RouteChangeValidator"/>: the upstream is a plain http origin.</summary>
public sealed record ValidatedRouteChange(Uri Upstream, string Version, string? HealthPath, long? ExpectedGeneration);
