using Drydock.Edge.Client;

namespace Drydock.Deploy;

/// <summary>
/// An edge that answers: its container, its public port on the host, and what was done to get there. Its admin API is
/// reached with <c>docker exec</c> through the engine that runs it (<see cref="EdgeAdminExec"/>), never through a port.
/// </summary>
public sealed record RunningEdge(string Container, DockerCli Engine, int PublicPort, EdgeContainerAction Action, string Reason)
{
    public EdgeAdminClient CreateClient() => EdgeAdminExec.Client(Engine, Container);
}
