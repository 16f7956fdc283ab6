using Drydock.Edge.Contract;

namespace Drydock.Deploy.Tests;

/// <summary>What the host-wide edge needs before a switch, decided as data from what was read.</summary>
public sealed class HostEdgePlanTests
{
    private static readonly EnvironmentHttps Https = new() { Hosts = ["notes.example.org", "Notes.Example.org."], AcmeEmail = "ops@example.org" };
    private static readonly HostEdgeSpec Spec = new(HostEdgeSpec.DefaultName, "drydock/edge:1", 80, 443, "0.0.0.0", EnvironmentHttps.LetsEncrypt);

    private static ContainerState Edge(bool running = true, string? fingerprint = null) =>
        new("e", HostEdgeSpec.DefaultName, "sha256:e", "drydock/edge:1",
            new Dictionary<string, string> { [EdgeLabels.Fingerprint] = fingerprint ?? Spec.Fingerprint() }) { Running = running, Status = running ? "running" : "exited" };

    private static HostView Route(string host, string tls = "acme", string? upstream = null, long generation = 3) =>
        new(host, "/", tls, generation, upstream is null ? null : new ActiveRouteView(upstream, "1.0.0", DateTimeOffset.UnixEpoch), null);

    [Fact]
    public void No_edge_yet_is_created_and_every_host_declared_and_certified_once()
    {
        var plan = HostEdgePlan.Decide(HostEdgeView.None(HostEdgeSpec.DefaultName), Spec, Https, []);

        Assert.Equal(EdgeContainerAction.Create, plan.Container);
        Assert.Equal(["notes.example.org"], plan.Declare.Select(h => h.Value));
        Assert.Equal(["notes.example.org"], plan.Certify.Select(h => h.Value));
        Assert.Empty(plan.Conflicts);
    }

    [Fact]
    public void A_running_edge_with_the_host_declared_is_kept_and_nothing_is_declared_again()
    {
        var view = new HostEdgeView(HostEdgeSpec.DefaultName, Edge(), [Route("notes.example.org", upstream: "http://notes-prod-1.0.0-abc:8080")]);

        var plan = HostEdgePlan.Decide(view, Spec, Https, ["notes-prod-1.0.0-abc"]);

        Assert.Equal(EdgeContainerAction.Keep, plan.Container);
        Assert.Empty(plan.Declare);
        Assert.Single(plan.Certify); // asked every deploy; the edge answers at once while the certificate is not due
    }

    [Fact]
    public void A_host_declared_with_another_tls_mode_is_declared_again()
    {
        var view = new HostEdgeView(HostEdgeSpec.DefaultName, Edge(), [Route("notes.example.org", tls: "off")]);

        Assert.Single(HostEdgePlan.Decide(view, Spec, Https, []).Declare);
    }

    [Fact]
    public void A_host_routed_to_another_environments_release_is_a_conflict_naming_the_fix()
    {
        var view = new HostEdgeView(HostEdgeSpec.DefaultName, Edge(), [Route("notes.example.org", upstream: "http://blog-prod-2.0.0-def:8080")]);

        var conflict = Assert.Single(HostEdgePlan.Decide(view, Spec, Https, ["notes-prod-1.0.0-abc"]).Conflicts);

        Assert.Contains("blog-prod-2.0.0-def", conflict);
        Assert.Contains("remove notes.example.org from the other environment's hosts", conflict);
    }

    [Fact]
    public void A_running_edge_from_other_settings_keeps_serving_every_app_unless_an_upgrade_is_asked_for()
    {
        var outdated = new HostEdgeView(HostEdgeSpec.DefaultName, Edge(fingerprint: "0000"), []);

        Assert.Equal(EdgeContainerAction.KeepOutdated, HostEdgePlan.Decide(outdated, Spec, Https, []).Container);
        Assert.Equal(EdgeContainerAction.Recreate, HostEdgePlan.Decide(outdated, Spec, Https, [], allowRecreate: true).Container);
        Assert.Equal(EdgeContainerAction.Start, HostEdgePlan.Decide(new HostEdgeView(HostEdgeSpec.DefaultName, Edge(running: false), []), Spec, Https, []).Container);
    }

    [Fact]
    public void A_host_wide_edge_from_before_the_settings_label_with_another_acme_directory_is_refused_not_kept()
    {
        var older = Spec with { Image = "drydock/edge:0.9", AcmeDirectory = new Uri("https://acme.old.example/dir") };
        var run = older.ToRunSettings();
        var edge = new ContainerState("e", HostEdgeSpec.DefaultName, "sha256:e", older.Image, new Dictionary<string, string> { [EdgeLabels.Fingerprint] = older.Fingerprint() })
        {
            Running = true,
            Status = "running",
            PortBindings = [.. run.Publish.Select(p => new PublishedPort($"{p.ContainerPort}/tcp", p.HostIp, p.HostPort))],
            Env = [.. run.Environment.Select(e => $"{e.Key}={e.Value}")],
        };

        var plan = HostEdgePlan.Decide(new HostEdgeView(HostEdgeSpec.DefaultName, edge, []), Spec, Https, []);

        Assert.Equal(EdgeContainerAction.Refuse, plan.Container);
        Assert.Contains("EDGE_ACME_DIRECTORY", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_off_certifies_nothing()
    {
        Assert.Empty(HostEdgePlan.Decide(HostEdgeView.None(HostEdgeSpec.DefaultName), Spec, Https with { Tls = HostTlsMode.Off }, []).Certify);
    }

    [Fact]
    public void Routes_only_when_every_host_goes_to_the_serving_release_with_a_valid_certificate()
    {
        var certificate = new CertificateStatusView("notes.example.org", true, true, "Pebble", null, null, null, [], "ab");
        var routed = Route("notes.example.org", upstream: "http://notes-prod-1.0.0-abc:8080") with { Certificate = certificate };

        Assert.True(HostEdgePlan.Routes(new HostEdgeView(HostEdgeSpec.DefaultName, Edge(), [routed]), Https, "notes-prod-1.0.0-abc"));
        Assert.False(HostEdgePlan.Routes(new HostEdgeView(HostEdgeSpec.DefaultName, Edge(), [routed]), Https, "notes-prod-2.0.0-def"));
        Assert.False(HostEdgePlan.Routes(new HostEdgeView(HostEdgeSpec.DefaultName, Edge(), [routed with { Certificate = null }]), Https, "notes-prod-1.0.0-abc"));
        Assert.False(HostEdgePlan.Routes(new HostEdgeView(HostEdgeSpec.DefaultName, Edge(running: false), [routed]), Https, "notes-prod-1.0.0-abc"));
    }
}
