using Drydock.Edge.Client;
using Drydock.Docker;

namespace Drydock.Deploy.Tests;

/// <summary>The edge container as data: names, hardening, ports, and when a running edge must be recreated.</summary>
public sealed class EdgeContainerSpecTests
{
    private static readonly EdgeContainerSpec Spec = new(new EnvironmentId("notes", "production"), "drydock/edge:1.0.0-abcdef012345", 8080);

    [Fact]
    public void Names_derive_from_app_and_environment()
    {
        Assert.Equal("drydock-edge-notes-production", Spec.ContainerName);
        Assert.Equal("drydock-notes-production", Spec.Network);
        Assert.Equal("drydock-edge-notes-production-state", Spec.StateVolume);
        Assert.Equal("http://notes-production-1.2.3-a1b2c3:8080", UpstreamAddress.ForContainer("notes-production-1.2.3-a1b2c3"));
    }

    [Fact]
    public void The_edge_runs_hardened_on_the_private_network_with_its_state_on_a_volume()
    {
        var arguments = Spec.ToRunSettings().ToArguments();
        var text = string.Join(' ', arguments);

        Assert.Contains("--read-only", arguments);
        Assert.Contains("--tmpfs /tmp:rw,noexec,nosuid,size=16m", text);
        Assert.Contains("--cap-drop ALL", text);
        Assert.Contains("--security-opt no-new-privileges", text);
        Assert.Contains("--restart unless-stopped", text);
        Assert.Contains("--network drydock-notes-production", text);
        Assert.Contains("--volume drydock-edge-notes-production-state:/state", text);
        Assert.Contains("--name drydock-edge-notes-production", text);
        Assert.Contains("--memory 256m", text);
        Assert.Contains("--pids-limit 128", text);
        Assert.DoesNotContain("--user", arguments); // the image's USER 1654
        Assert.Equal("drydock/edge:1.0.0-abcdef012345", arguments[^1]);
    }

    [Fact]
    public void The_public_port_is_on_loopback_by_default_and_there_is_no_admin_port_at_all()
    {
        var loopback = Spec.ToRunSettings();
        var everywhere = (Spec with { Bind = "0.0.0.0" }).ToRunSettings();

        Assert.Equal([new PortMapping(8080, 8080, "127.0.0.1")], loopback.Publish);
        Assert.Equal([new PortMapping(8080, 8080, "0.0.0.0")], everywhere.Publish);
        Assert.Equal("off", loopback.Environment["EDGE_ADMIN_PORT"]);
    }

    [Fact]
    public void Docker_waits_longer_than_the_edge_drains_before_killing_it()
    {
        var settings = (Spec with { ShutdownTimeout = TimeSpan.FromSeconds(20) }).ToRunSettings();

        Assert.Equal("20", settings.Environment["EDGE_SHUTDOWN_TIMEOUT_SECONDS"]);
        Assert.Equal(TimeSpan.FromSeconds(25), settings.StopTimeout);
    }

    [Fact]
    public void Network_and_volume_carry_the_owner_labels()
    {
        Assert.Equal(["network", "create", "--driver", "bridge", "--label", "dev.drydock.app=notes", "--label", "dev.drydock.environment=production", "--label", "dev.drydock.role=edge", "drydock-notes-production"],
            Spec.ToNetworkSettings().ToArguments());
        Assert.Equal("drydock-edge-notes-production-state", Spec.ToVolumeSettings().ToArguments()[^1]);
    }

    [Fact]
    public void The_fingerprint_is_stable_and_changes_with_what_the_container_is_made_from()
    {
        Assert.Equal(Spec.Fingerprint(), new EdgeContainerSpec(new EnvironmentId("notes", "production"), Spec.Image, 8080).Fingerprint());
        Assert.NotEqual(Spec.Fingerprint(), (Spec with { Image = "drydock/edge:1.0.1-000000000000" }).Fingerprint());
        Assert.NotEqual(Spec.Fingerprint(), (Spec with { PublicPort = 8081 }).Fingerprint());
        Assert.NotEqual(Spec.Fingerprint(), (Spec with { Bind = "0.0.0.0" }).Fingerprint());
        Assert.Equal(Spec.Fingerprint(), Spec.ToRunSettings().Labels[EdgeLabels.Fingerprint]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(70000)]
    public void Bad_ports_are_refused(int publicPort)
    {
        Assert.Throws<ArgumentException>(() => (Spec with { PublicPort = publicPort }).Validate());
    }

    [Fact]
    public void No_edge_means_create_it()
    {
        Assert.Equal(EdgeContainerAction.Create, EdgeContainerDecision.Decide(null, Spec).Action);
    }

    [Fact]
    public void A_running_edge_of_this_spec_is_kept()
    {
        Assert.Equal(EdgeContainerAction.Keep, EdgeContainerDecision.Decide(Existing(Spec, running: true), Spec).Action);
    }

    [Fact]
    public void A_stopped_edge_of_this_spec_is_started()
    {
        Assert.Equal(EdgeContainerAction.Start, EdgeContainerDecision.Decide(Existing(Spec, running: false), Spec).Action);
    }

    [Fact]
    public void A_running_edge_of_another_spec_keeps_serving_unless_an_upgrade_is_asked_for()
    {
        var old = Spec with { Image = "drydock/edge:0.9.0-111111111111" };

        var (deploy, reason) = EdgeContainerDecision.Decide(Existing(old, running: true), Spec);
        var (upgrade, _) = EdgeContainerDecision.Decide(Existing(old, running: true), Spec, allowRecreate: true);

        Assert.Equal(EdgeContainerAction.KeepOutdated, deploy);
        Assert.Equal(EdgeContainerAction.Recreate, upgrade);
        Assert.Contains("drydock/edge:0.9.0-111111111111", reason);
        Assert.Contains(Spec.Image, reason);
    }

    [Fact]
    public void A_running_edge_whose_bind_or_port_changed_is_refused_naming_recreate_edge_instead_of_kept()
    {
        foreach (var old in new[] { Spec with { Bind = "0.0.0.0" }, Spec with { PublicPort = 9000 } })
        {
            var (deploy, reason) = EdgeContainerDecision.Decide(Existing(old, running: true), Spec);

            Assert.Equal(EdgeContainerAction.Refuse, deploy);
            Assert.Contains("--recreate-edge", reason);
            Assert.Contains("keeps serving", reason);
            Assert.Equal(EdgeContainerAction.Recreate, EdgeContainerDecision.Decide(Existing(old, running: true), Spec, allowRecreate: true).Action);
        }
    }

    [Fact]
    public void A_running_edge_that_differs_only_by_its_image_keeps_serving_and_says_how_to_upgrade()
    {
        var (deploy, reason) = EdgeContainerDecision.Decide(Existing(Spec with { Image = "drydock/edge:0.9.0-111111111111" }, running: true), Spec);

        Assert.Equal(EdgeContainerAction.KeepOutdated, deploy);
        Assert.Contains("--recreate-edge", reason);
    }

    [Fact]
    public void An_edge_from_before_the_settings_label_is_judged_by_its_published_ports_and_settings()
    {
        var image = "drydock/edge:0.9.0-111111111111";
        var same = Unlabelled(Spec with { Image = image });
        var wide = Unlabelled(Spec with { Image = image, Bind = "0.0.0.0" });
        var changed = same with { Env = [.. same.Env.Select(e => e.StartsWith("EDGE_SHUTDOWN_TIMEOUT_SECONDS=", StringComparison.Ordinal) ? "EDGE_SHUTDOWN_TIMEOUT_SECONDS=99" : e)] };
        var older = same with { Env = [.. same.Env.Where(e => !e.StartsWith("EDGE_SHUTDOWN_TIMEOUT_SECONDS=", StringComparison.Ordinal))] };

        Assert.Equal(EdgeContainerAction.KeepOutdated, EdgeContainerDecision.Decide(same, Spec).Action);
        Assert.Equal(EdgeContainerAction.KeepOutdated, EdgeContainerDecision.Decide(older, Spec).Action);
        var (action, reason) = EdgeContainerDecision.Decide(wide, Spec);
        Assert.Equal(EdgeContainerAction.Refuse, action);
        Assert.Contains("it publishes 0.0.0.0:8080, this deploy asks for 127.0.0.1:8080", reason, StringComparison.Ordinal);
        Assert.Contains("its EDGE_SHUTDOWN_TIMEOUT_SECONDS differ", EdgeContainerDecision.Decide(changed, Spec).Reason, StringComparison.Ordinal);
    }

    /// <summary>As an older Drydock made it: its run's ports and environment, the full fingerprint label only.</summary>
    private static ContainerState Unlabelled(EdgeContainerSpec spec)
    {
        var run = spec.ToRunSettings();
        return new ContainerState("id", spec.ContainerName, "sha256:1", spec.Image, new Dictionary<string, string> { [EdgeLabels.Fingerprint] = run.Labels[EdgeLabels.Fingerprint] })
        {
            Status = "running",
            Running = true,
            PortBindings = [.. run.Publish.Select(p => new PublishedPort($"{p.ContainerPort}/tcp", p.HostIp, p.HostPort))],
            Env = [.. run.Environment.Select(e => $"{e.Key}={e.Value}")],
        };
    }

    [Fact]
    public void A_stopped_edge_of_another_spec_is_recreated_since_it_serves_nothing_anyway()
    {
        var old = Spec with { PublicPort = 9000 };

        Assert.Equal(EdgeContainerAction.Recreate, EdgeContainerDecision.Decide(Existing(old, running: false), Spec).Action);
    }

    [Theory]
    [InlineData("127.0.0.1:49153", 49153)]
    [InlineData("127.0.0.1:49153\n[::1]:49153", 49153)]
    [InlineData("[::1]:8080", 8080)]
    [InlineData("", null)]
    [InlineData("garbage", null)]
    public void Published_ports_are_read_from_docker_port(string output, int? port)
    {
        Assert.Equal(port, DockerOutput.ParseHostPort(output.Split('\n')));
    }

    private static ContainerState Existing(EdgeContainerSpec spec, bool running) =>
        new("id", spec.ContainerName, "sha256:1", spec.Image, spec.ToRunSettings().Labels) { Status = running ? "running" : "exited", Running = running };
}
