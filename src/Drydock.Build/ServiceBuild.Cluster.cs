using Drydock.Deploy;

namespace Drydock.Build;

/// <summary>The swarm side of the build: the checks made before anything runs (its parameters are declared with the file's keys).</summary>
public abstract partial class ServiceBuild
{
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
