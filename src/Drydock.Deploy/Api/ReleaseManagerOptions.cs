using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>The seams of <see cref="ReleaseManager"/>; the defaults are the real thing.</summary>
public sealed record ReleaseManagerOptions
{
    /// <summary>
    /// How a verified release takes over, for every environment; null (default): each environment's
    /// <see cref="EnvironmentConfig.Strategy"/> decides (edge unless it says replace).
    /// </summary>
    public IDeployStrategy? Strategy { get; init; }

    /// <summary>Where the edge image comes from; needed by the edge strategy, and by Status to show an environment's edge.</summary>
    public EdgeStrategyOptions? Edge { get; init; }

    /// <summary>The environment's host names on the server's host-wide edge (<see cref="HostEdgeStrategy"/>); null or no hosts: its own per-port edge.</summary>
    public EnvironmentHttps? Https { get; init; }

    /// <summary>HTTP health probe of published ports; default <see cref="HttpHealthProbe"/>.</summary>
    public IHttpProbe? Probe { get; init; }

    /// <summary>Registry tags, for rollbacks to versions the engine no longer has; none by default.</summary>
    public IReleaseTags? Tags { get; init; }

    /// <summary>Where the history lives; default <see cref="VolumeReleaseHistory"/> (a named volume on the engine).</summary>
    public IReleaseHistory? History { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where secret values and the actor (CI user) are read from.</summary>
    public Func<string, string?> ReadEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Secret values are registered here so no log line shows them; defaults to the DockerCli's masker.</summary>
    public SecretMasker? Masker { get; init; }

    /// <summary>Start time of a process on this host (null: not running): how a stale lock is recognised.</summary>
    public Func<int, DateTimeOffset?> ProcessStartedAt { get; init; } = ProcessIdentity.StartedAt;

    public TimeSpan HealthPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
