using Drydock.Edge.Client;

namespace Drydock.Deploy;

/// <summary>An edge that answers: its container, where its admin API and public port are on the host, and what was done to get there.</summary>
public sealed record RunningEdge(string Container, Uri AdminAddress, int PublicPort, EdgeContainerAction Action, string Reason)
{
    public EdgeAdminClient CreateClient() => new(AdminAddress);
}
