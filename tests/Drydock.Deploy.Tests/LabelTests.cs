namespace Drydock.Deploy.Tests;

public sealed class LabelTests
{
    [Fact]
    public void Release_labels_carry_everything_to_recreate_the_release_and_read_back()
    {
        var config = new EnvironmentConfig { HostPort = 9001, Memory = "256m", SecretEnv = ["API_KEY"], DrainTimeout = TimeSpan.FromSeconds(12) }.WithEnv(["MODE=fast"]);
        var spec = Samples.Spec(config: config);
        var stamp = Samples.Stamp(action: ReleaseAction.Rollback);

        var labels = ReleaseLabels.ForRelease(spec, stamp, ContainerRole.Release);

        Assert.Equal("notes", labels["dev.drydock.app"]);
        Assert.Equal("local", labels["dev.drydock.environment"]);
        Assert.Equal("release", labels["dev.drydock.role"]);
        Assert.Equal("1.0.0", labels["dev.drydock.version"]);
        Assert.Equal(Samples.DigestA, labels["dev.drydock.digest"]);
        Assert.Equal("abc1234", labels["dev.drydock.commit"]);
        Assert.Equal("2025-06-01T12:00:00.0000000+00:00", labels["dev.drydock.deployed-at"]);
        Assert.Equal("dev@laptop", labels["dev.drydock.deployed-by"]);
        Assert.Equal("rollback", labels["dev.drydock.action"]);
        Assert.Contains("\"secretEnv\":[\"API_KEY\"]", labels["dev.drydock.config"]);

        var read = ReleaseLabels.Read(labels)!;
        Assert.Equal(spec with { Config = read.Spec.Config }, read.Spec);
        Assert.Equal(9001, read.Spec.Config.HostPort);
        Assert.Equal("256m", read.Spec.Config.Memory);
        Assert.Equal(["API_KEY"], read.Spec.Config.SecretEnv);
        Assert.Equal("fast", read.Spec.Config.Env["MODE"]);
        Assert.Equal(TimeSpan.FromSeconds(12), read.Spec.Config.DrainTimeout);
        Assert.Equal(stamp, read.Stamp);
    }

    [Fact]
    public void Incomplete_labels_are_no_release() =>
        Assert.Null(ReleaseLabels.Read(new Dictionary<string, string> { ["dev.drydock.app"] = "notes" }));

    [Fact]
    public void Filters_select_one_app_and_environment()
    {
        Assert.Equal(["dev.drydock.app=notes", "dev.drydock.environment=prod"], ReleaseLabels.Filter(new EnvironmentId("notes", "prod")));
        Assert.Equal(["dev.drydock.app=notes", "dev.drydock.environment=prod", "dev.drydock.role=candidate"], ReleaseLabels.Filter(new EnvironmentId("notes", "prod"), ContainerRole.Candidate));
    }
}
