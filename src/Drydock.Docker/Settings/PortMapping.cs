namespace Drydock.Docker;

/// <summary>
/// A published port: <c>-p hostIp:hostPort:containerPort</c>. Loopback by default, so a container is reachable
/// from this machine only, unless a caller deliberately says otherwise.
/// </summary>
public sealed record PortMapping(int HostPort, int ContainerPort, string HostIp = "127.0.0.1")
{
    public override string ToString() => $"{HostIp}:{HostPort}:{ContainerPort}";
}
