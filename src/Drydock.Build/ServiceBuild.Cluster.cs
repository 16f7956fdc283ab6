using Drydock.Deploy;
using Drydock.Engine.Parameters;

namespace Drydock.Build;

/// <summary>The swarm side of the build: its parameters over the environment file, and the checks made before anything runs.</summary>
public abstract partial class ServiceBuild
{
    [Parameter("What the environment runs on: Engine (one Docker engine, the default) or Swarm (a cluster whose manager is --host) (default: the environment's platform)")]
    protected readonly DeployPlatform? Platform;

    [Parameter("Swarm: tasks per release (default: the environment's replicas, else 1 when stateful and 2 when not)")]
    protected readonly int? Replicas;

    [Parameter("Swarm: the registry as the nodes reach it (host:port) when the runner pushes through another address (default: the environment's registryPull)")]
    protected readonly string? RegistryPull;

    /// <summary>The command line's swarm settings over the environment file's.</summary>
    static EnvironmentConfig WithCluster(EnvironmentConfig config, DeployPlatform? platform, int? replicas, string? registryPull) =>
        config with { Platform = platform ?? config.Platform, Replicas = replicas ?? config.Replicas, RegistryPull = registryPull ?? config.RegistryPull };

    /// <summary>
    /// For <c>Requires</c> of Deploy: a swarm environment's nodes can pull from the registry. Checked before the chain
    /// runs, so a cluster with the embedded 127.0.0.1:5000 registry is told to use --registry before anything is built or changed.
    /// </summary>
    bool ClusterRegistryIsReachable
    {
        get
        {
            var config = EnvironmentConfig;
            if (config.Platform != DeployPlatform.Swarm)
                return true;
            var (_, refusal) = RegistryReach.PullRepository(Repository, config.RegistryPull);
            return refusal is null ? true : throw new Drydock.Engine.Planning.PlanningException($"Nothing was run: {refusal}");
        }
    }
}
