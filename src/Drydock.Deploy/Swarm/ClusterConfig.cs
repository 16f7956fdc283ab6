namespace Drydock.Deploy;

/// <summary>The swarm keys of <see cref="EnvironmentConfig"/>: their defaults, and what is wrong with them before anything runs.</summary>
public static class ClusterConfig
{
    public const int DefaultReplicas = 2;

    /// <summary>Stateful unless the environment declares <c>"stateful": false</c>: every release mounts the environment's data volume.</summary>
    public static bool IsStateful(EnvironmentConfig config) => config.Stateful ?? true;

    /// <summary>The replicas asked for: the file's, else 1 for a stateful service and <see cref="DefaultReplicas"/> for a stateless one.</summary>
    public static int Replicas(EnvironmentConfig config) => config.Replicas ?? (IsStateful(config) ? 1 : DefaultReplicas);

    public static IEnumerable<string> Problems(EnvironmentConfig config)
    {
        if (config.Platform != DeployPlatform.Swarm)
        {
            var swarmOnly = new (string Key, bool Set)[]
            {
                ("replicas", config.Replicas is not null), ("stateful", config.Stateful is not null), ("constraints", config.Constraints.Count > 0),
                ("updateParallelism", config.UpdateParallelism is not null), ("registryPull", config.RegistryPull is not null),
            }.Where(k => k.Set).Select(k => k.Key).ToArray();
            if (swarmOnly.Length > 0)
                yield return $"{string.Join(", ", swarmOnly)} apply to a swarm environment only: add \"platform\": \"swarm\" or remove them";
            yield break;
        }
        if (config.Replicas is < 1)
            yield return $"replicas must be 1 or more, not {config.Replicas}";
        if (config.UpdateParallelism is < 1)
            yield return $"updateParallelism must be 1 or more, not {config.UpdateParallelism}";
        if (config.Strategy == DeployStrategyKind.Replace)
            yield return "a swarm environment is served by its edge on every node: remove \"strategy\": \"replace\"";
        if (config.SecretEnv.Count > 0)
            yield return $"secretEnv ({string.Join(", ", config.SecretEnv)}) is not supported on a swarm environment yet: values would have to reach every node; use Docker secrets (docker secret create) and read them from /run/secrets";
        // The cluster's edge switches whole releases; it has no canary share or candidate header yet, so these would be ignored.
        if (config.Canary is { } canary)
            yield return $"canary {canary} is not supported on a swarm environment yet: remove \"canary\" (or --canary); the release is switched whole, health first";
        if (config.Smoke is not null)
            yield return "smoke is not supported on a swarm environment yet: remove \"smoke\" (or --smoke), or run the check after Deploy against the environment's port";
        foreach (var constraint in config.Constraints.Where(c => !c.Contains("==", StringComparison.Ordinal) && !c.Contains("!=", StringComparison.Ordinal)))
            yield return $"constraint '{constraint}' needs == or != (e.g. node.labels.zone==a)";
        if (config.RegistryPull is { } pull && (pull.Contains('/', StringComparison.Ordinal) || pull.Contains("://", StringComparison.Ordinal) || pull.Trim().Length == 0))
            yield return $"registryPull '{pull}' must be a registry host[:port] such as registry.internal:5000";
    }
}
