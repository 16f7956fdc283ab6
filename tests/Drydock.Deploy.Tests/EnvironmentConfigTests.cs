namespace Drydock.Deploy.Tests;

public sealed class EnvironmentConfigTests
{
    [Fact]
    public void The_per_environment_file_is_read_with_durations_as_people_write_them()
    {
        var config = EnvironmentConfigFile.Parse("""
            {
              // staging
              "hostPort": 9090, "bind": "0.0.0.0", "healthPath": "/health/live",
              "env": { "MODE": "staging" }, "secretEnv": ["API_KEY"],
              "volumes": ["notes-config:/config:ro"], "memory": "1g", "cpus": "2",
              "keepReleases": 3, "deployTimeout": "90s", "drainTimeout": 15, "lockTimeout": "1h",
              "healthCheck": { "interval": "2s", "startPeriod": "1m30s", "retries": 5 },
            }
            """);

        Assert.Equal(9090, config.HostPort);
        Assert.Equal("0.0.0.0", config.Bind);
        Assert.Equal("/health/live", config.HealthPath);
        Assert.Equal("staging", config.Env["MODE"]);
        Assert.Equal(["API_KEY"], config.SecretEnv);
        Assert.Equal(["notes-config:/config:ro"], config.Volumes);
        Assert.Equal(3, config.KeepReleases);
        Assert.Equal(TimeSpan.FromSeconds(90), config.DeployTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), config.DrainTimeout);
        Assert.Equal(TimeSpan.FromHours(1), config.LockTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), config.HealthCheck!.StartPeriod);
        Assert.Equal(5, config.HealthCheck.Retries);
        config.Validate();
    }

    [Fact]
    public void Defaults_are_hardened_and_loopback()
    {
        var config = EnvironmentConfigFile.Parse("{}");
        Assert.Equal(new EnvironmentConfig().HostPort, config.HostPort);
        Assert.Equal("127.0.0.1", config.Bind);
        Assert.Equal("512m", config.Memory);
        Assert.Equal("1.0", config.Cpus);
        Assert.True(config.ReadOnlyRootFilesystem);
        Assert.Equal(5, config.KeepReleases);
    }

    [Fact]
    public void A_missing_file_means_the_defaults()
    {
        var root = Directory.CreateTempSubdirectory("drydock-config-").FullName;
        try
        {
            Assert.Equal(8080, EnvironmentConfigFile.Load(root, "local").HostPort);
            Directory.CreateDirectory(Path.Combine(root, ".nuke", "environments"));
            File.WriteAllText(EnvironmentConfigFile.PathFor(root, "prod"), """{ "hostPort": 80 }""");
            Assert.Equal(80, EnvironmentConfigFile.Load(root, "prod").HostPort);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_typo_is_an_error_not_a_silent_default()
    {
        var error = Assert.Throws<DeployException>(() => EnvironmentConfigFile.Parse("""{ "hostport": 80, "memroy": "1g" }"""));
        Assert.Contains("memroy", error.Message);
    }

    [Fact]
    public void Parameters_add_to_the_file_and_win()
    {
        var config = new EnvironmentConfig { SecretEnv = ["A"] }.WithEnv(["MODE=file"]).WithEnv(["MODE=param", "EXTRA=x=y"]).WithSecretEnv(["B", "A"]);
        Assert.Equal("param", config.Env["MODE"]);
        Assert.Equal("x=y", config.Env["EXTRA"]);
        Assert.Equal(["A", "B"], config.SecretEnv);
        Assert.Throws<DeployException>(() => config.WithEnv(["NOEQUALS"]));
        Assert.Throws<DeployException>(() => config.WithEnv(["1BAD=x"]));
    }

    [Fact]
    public void Validation_names_every_problem()
    {
        var config = new EnvironmentConfig { HostPort = 0, HealthPath = "health", Volumes = ["x:/data", "nocolon"], SecretEnv = ["MODE"] }.WithEnv(["MODE=a"]);
        var error = Assert.Throws<DeployException>(config.Validate);
        Assert.Contains("hostPort 0", error.Message);
        Assert.Contains("healthPath 'health'", error.Message);
        Assert.Contains("/data is the environment's data volume", error.Message);
        Assert.Contains("'nocolon'", error.Message);
        Assert.Contains("'MODE' is both", error.Message);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5", 1_500)]
    public void Durations_parse(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationJsonConverter.Parse(text));

    [Fact]
    public void The_config_round_trips_through_json()
    {
        var config = new EnvironmentConfig { HostPort = 81, DeployTimeout = TimeSpan.FromSeconds(45), HealthCheck = new HealthCheckTiming { Interval = TimeSpan.FromSeconds(1) } }.WithEnv(["A=1"]);
        var json = EnvironmentConfigFile.Serialize(config);
        Assert.Contains("\"deployTimeout\":\"45s\"", json);
        var back = EnvironmentConfigFile.Parse(json);
        Assert.Equal(81, back.HostPort);
        Assert.Equal(TimeSpan.FromSeconds(45), back.DeployTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), back.HealthCheck!.Interval);
        Assert.Equal("1", back.Env["A"]);
    }
}
