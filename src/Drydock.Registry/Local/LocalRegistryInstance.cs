using Drydock.Docker;
using Drydock.Engine.Tooling;

namespace Drydock.Registry;

/// <summary>A registry that answers on <see cref="Address"/>; one started here can be stopped again.</summary>
public sealed class LocalRegistryInstance(string address, int? processId, IToolRunner runner)
{
    /// <summary>As used in image names: <c>127.0.0.1:5000</c>.</summary>
    public string Address { get; } = address;

    public Uri BaseAddress { get; } = RegistryEndpoint.ToBaseUri(address);

    /// <summary>Set when this run started the registry; null when one was already answering.</summary>
    public int? ProcessId { get; } = processId;

    public bool StartedHere => ProcessId is not null;

    /// <summary>Stops the registry if this run started it; leaves a registry someone else started alone.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (ProcessId is { } id && HostSystem.IsProcessAlive(id))
            await DetachedProcess.StopAsync(runner, id, cancellationToken);
    }
}
