namespace Drydock.Deploy.Tests;

/// <summary>The swarm keys of an environment file: parsed, defaulted, and refused before anything runs when they cannot apply.</summary>
public sealed class ClusterConfigTests
{
    [Fact]
    public void Swarm_keys_parse_and_are_checked_before_anything_runs()
    {
        var config = EnvironmentConfigFile.Parse("""{ "platform": "swarm", "replicas": 3, "stateful": false, "constraints": ["node.role==worker"], "updateParallelism": 2, "registryPull": "registry:5000" }""");
        Assert.Equal(DeployPlatform.Swarm, config.Platform);
        Assert.Equal(3, ClusterConfig.Replicas(config));
        config.Validate();
        Assert.Equal(1, ClusterConfig.Replicas(new EnvironmentConfig { Platform = DeployPlatform.Swarm }));

        var engine = Assert.Throws<DeployException>(() => EnvironmentConfigFile.Parse("""{ "replicas": 2 }""").Validate());
        Assert.Contains("\"platform\": \"swarm\"", engine.Message);
        var bad = Assert.Throws<DeployException>(() => (new EnvironmentConfig { Platform = DeployPlatform.Swarm, RegistryPull = "registry.internal:5000" } with { Replicas = 0, SecretEnv = ["API_KEY"], Constraints = ["zone"] }).Validate());
        Assert.Contains("replicas must be 1 or more", bad.Message);
        Assert.Contains("secretEnv (API_KEY)", bad.Message);
        Assert.Contains("constraint 'zone'", bad.Message);
    }

    [Fact]
    public void A_canary_or_a_smoke_check_on_a_swarm_environment_is_refused_instead_of_ignored()
    {
        var refused = Assert.Throws<DeployException>(() => EnvironmentConfigFile.Parse(
            """{ "platform": "swarm", "canary": "10%", "smoke": "curl -f $DRYDOCK_SMOKE_URL" }""").Validate());
        Assert.Contains("canary 10% is not supported on a swarm environment", refused.Message);
        Assert.Contains("smoke is not supported on a swarm environment", refused.Message);
        EnvironmentConfigFile.Parse("""{ "canary": "10%", "smoke": "true", "verification": { "window": "30s" } }""").Validate();
    }
}
