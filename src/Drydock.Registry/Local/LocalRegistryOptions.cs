namespace Drydock.Registry;

/// <summary>Where a local registry listens and keeps its data.</summary>
/// <param name="WorkDirectory">Config, storage, log and pid file, e.g. <c>&lt;root&gt;/.nuke/temp/registry</c>.</param>
public sealed record LocalRegistryOptions(string WorkDirectory)
{
    /// <summary>Loopback only: docker treats 127.0.0.0/8 registries as insecure-allowed, so plain http works without daemon config.</summary>
    public string Address { get; init; } = LocalRegistry.DefaultAddress;

    /// <summary>When set, a registry started here requires these credentials (htpasswd, bcrypt).</summary>
    public RegistryCredentials? RequiredCredentials { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
