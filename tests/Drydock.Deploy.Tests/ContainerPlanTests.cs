using Drydock.Docker;

namespace Drydock.Deploy.Tests;

public sealed class ContainerPlanTests
{
    private static readonly EnvironmentConfig Config = new EnvironmentConfig
    {
        HostPort = 9000,
        Volumes = ["notes-config:/config:ro", "/srv/certs:/certs"],
        SecretEnv = ["API_KEY"],
        HealthCheck = new HealthCheckTiming { Interval = TimeSpan.FromSeconds(2), StartPeriod = TimeSpan.FromSeconds(20) },
    }.WithEnv(["MODE=fast"]);

    private static readonly IReadOnlyDictionary<string, string> Secrets = new Dictionary<string, string> { ["API_KEY"] = "k-123" };

    [Fact]
    public void The_release_is_hardened_by_default_and_published_on_its_real_port()
    {
        var create = new DockerCreateSettings(ContainerPlan.Release(Samples.Spec(config: Config), Samples.Stamp(), Secrets));
        var arguments = create.ToArguments();
        var text = string.Join(' ', arguments);

        Assert.Equal("create", arguments[0]);
        Assert.DoesNotContain("--detach", arguments);
        Assert.Contains("--name notes-local-1.0.0-a1b2c3", text);
        Assert.Contains("--read-only", arguments);
        Assert.Contains("--tmpfs /tmp:rw,noexec,nosuid,size=64m", text);
        Assert.Contains("--cap-drop ALL", text);
        Assert.Contains("--security-opt no-new-privileges", text);
        Assert.Contains("--restart unless-stopped", text);
        Assert.Contains("--memory 512m", text);
        Assert.Contains("--cpus 1.0", text);
        Assert.Contains("--pids-limit 256", text);
        Assert.Contains("--stop-timeout 30", text);
        Assert.Contains("--publish 127.0.0.1:9000:8080", text);
        Assert.Contains("--volume drydock-notes-local-data:/data", text);
        Assert.Contains("--volume notes-config:/config:ro", text);
        Assert.Contains("--volume /srv/certs:/certs", text);
        Assert.Contains("--env MODE=fast", text);
        // The secret by name only; its value goes to the docker CLI's environment, never a file or the command line.
        Assert.Contains("--env API_KEY", text);
        Assert.DoesNotContain("--env-file", text);
        Assert.DoesNotContain("k-123", text);
        Assert.Equal("k-123", create.ProcessEnvironment["API_KEY"]);
        Assert.DoesNotContain("k-123", create.ToString());
        Assert.Contains("--health-interval 2s", text);
        Assert.Contains("--health-start-period 20s", text);
        Assert.Contains("--label dev.drydock.role=release", text);
        // The image's USER (non-root) is used: no --user unless the environment sets one.
        Assert.DoesNotContain("--user", arguments);
        Assert.Equal($"127.0.0.1:5000/notes@{Samples.DigestA}", arguments[^1]);
    }

    [Fact]
    public void The_candidate_is_the_same_release_on_an_ephemeral_loopback_port_and_never_restarted()
    {
        var spec = Samples.Spec(config: Config with { Bind = "0.0.0.0" });
        var release = ContainerPlan.Release(spec, Samples.Stamp(), null);
        var candidate = ContainerPlan.Candidate(spec, Samples.Stamp(), null);

        Assert.Equal("notes-local-1.0.0-a1b2c3-candidate", candidate.Name);
        Assert.Equal([new PortMapping(0, 8080, "127.0.0.1")], candidate.Publish);
        Assert.Equal("127.0.0.1:0:8080", candidate.Publish[0].ToString());
        Assert.Equal([new PortMapping(9000, 8080, "0.0.0.0")], release.Publish);
        Assert.Equal("no", candidate.Restart);
        Assert.Equal("candidate", candidate.Labels[ReleaseLabels.Role]);
        Assert.Equal(release.Image, candidate.Image);
        Assert.Equal(release.Environment, candidate.Environment);
        Assert.Equal(release.Volumes, candidate.Volumes);
        Assert.Equal(release.ReadOnly, candidate.ReadOnly);
        Assert.Equal(release.CapDrop, candidate.CapDrop);
        Assert.Empty(candidate.EnvFiles);
    }

    [Fact]
    public void Limits_user_and_writable_root_come_from_the_environment()
    {
        var spec = Samples.Spec(config: new EnvironmentConfig { Memory = "1g", Cpus = "0.5", PidsLimit = null, User = "1000:1000", ReadOnlyRootFilesystem = false });
        var text = string.Join(' ', new DockerCreateSettings(ContainerPlan.Release(spec, Samples.Stamp(), null)).ToArguments());

        Assert.Contains("--memory 1g", text);
        Assert.Contains("--cpus 0.5", text);
        Assert.Contains("--user 1000:1000", text);
        Assert.DoesNotContain("--pids-limit", text);
        Assert.DoesNotContain("--read-only", text);
        Assert.DoesNotContain("--env-file", text);
    }
}
