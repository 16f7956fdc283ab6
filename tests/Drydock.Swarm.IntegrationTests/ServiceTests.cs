using System.Text.RegularExpressions;
using Drydock.Docker;
using Drydock.Testing.Swarm;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>Services on the 3-node cluster, created through the SSH tunnel to the manager, pulled by digest from the TLS registry.</summary>
[Collection(ServicesCollection.Name)]
public sealed partial class ServiceTests(ServicesFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_dnsrr_replicas_on_two_nodes_answer_on_their_overlay_ips_from_a_container_on_another_node()
    {
        output.WriteLine($"Cluster setup: {string.Join(", ", fixture.Cluster.Timings.Select(t => $"{t.Phase} {t.Took.TotalSeconds:F1} s"))}");
        var manager = fixture.Cluster.ManagerDocker;
        var network = $"swm-{fixture.RunId}-app";
        await manager.CreateNetworkAsync(new DockerNetworkCreateSettings(network) { Driver = "overlay", Attachable = true });
        var service = $"swm-web-{fixture.RunId}";
        await manager.CreateServiceAsync(new DockerServiceCreateSettings(service, fixture.ProbeByDigest)
        {
            Replicas = 2,
            MaxReplicasPerNode = 1,
            Networks = [network],
            Labels = new Dictionary<string, string> { ["dev.drydock.test"] = "swm" },
            Command = SwarmFixture.WebCommand,
        });

        var tasks = await Converge.RunningTasksAsync(manager, service, t => t.Count == 2, Timeout);
        Assert.Equal(2, tasks.Select(t => t.Node).Distinct().Count());
        Assert.All(tasks, t => Assert.Equal(fixture.ProbeByDigest, t.Image));
        var inspected = await manager.InspectServiceAsync(service);
        Assert.NotNull(inspected);
        Assert.Equal("dnsrr", inspected.EndpointMode);
        Assert.Equal(2, inspected.Replicas);
        Assert.True(ServiceSpecDrift.SameImage(fixture.ProbeByDigest, inspected.Image), inspected.Image);

        // The probe runs on the node without a task: every answer crossed the overlay from another node.
        var probeNode = fixture.Cluster.Nodes.Nodes.Single(n => tasks.All(t => t.Node != n.Name));
        var script = "for ip in $(/busybox nslookup tasks." + service + " | /busybox sed -n 's/^Address: //p'); do " +
                     "echo \"ip=$ip\"; printf 'GET / HTTP/1.0\\r\\n\\r\\n' | /busybox nc -w 3 \"$ip\" 8080 | /busybox tail -n 1; done";
        var probe = await fixture.Cluster.OnNodeAsync(probeNode,
            ["docker", "run", "--rm", "--network", network, fixture.ProbeByDigest, "sh", "-c", script], throwOnError: false);
        output.WriteLine(probe.Output + probe.Error);
        Assert.True(probe.Succeeded, probe.Error);
        var addresses = AddressLine().Matches(probe.Output).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(2, addresses.Distinct().Count());
        var answers = probe.StandardOutput.Where(l => !l.StartsWith("ip=", StringComparison.Ordinal) && l.Trim().Length > 0).Select(l => l.Trim()).ToArray();
        Assert.Equal(2, answers.Distinct().Count());

        // The cluster status reads the same picture: 2 of 2, one on each of the two nodes.
        var status = ClusterStatus.From(await manager.NodesAsync(), [inspected], tasks);
        output.WriteLine(status.Describe());
        Assert.Empty(status.DownNodes);
        Assert.Contains($"service {service}: 2 of 2 running", status.Describe());

        await manager.RemoveServicesAsync(new DockerServiceRmSettings(service));
        Assert.Null(await manager.InspectServiceAsync(service));
    }

    [Fact]
    public async Task A_global_service_published_in_host_mode_answers_on_every_nodes_runner_side_port()
    {
        var manager = fixture.Cluster.ManagerDocker;
        var service = $"swm-edge-{fixture.RunId}";
        await manager.CreateServiceAsync(new DockerServiceCreateSettings(service, fixture.ProbeByDigest)
        {
            Global = true,
            Publish = [new ServicePort(fixture.Cluster.Options.AppContainerPort, 8080)],
            Command = SwarmFixture.WebCommand,
        });
        var tasks = await Converge.RunningTasksAsync(manager, service, t => t.Count == 3, Timeout);
        Assert.Equal(3, tasks.Select(t => t.Node).Distinct().Count());

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var answers = new List<string>();
        foreach (var node in fixture.Cluster.Nodes.Nodes)
            answers.Add((await GetWithRetryAsync(http, $"http://127.0.0.1:{node.AppPort}/")).Trim());
        output.WriteLine(string.Join(", ", answers));
        // Three different task containers answered: each node's port reaches the task on that node.
        Assert.Equal(3, answers.Distinct().Count());

        await manager.RemoveServicesAsync(new DockerServiceRmSettings(service));
    }

    [Fact]
    public async Task The_registry_certificate_is_valid_for_its_node_side_name_and_a_node_refuses_it_without_the_ca()
    {
        using var client = fixture.Cluster.Registry.CreateVerifyingClient(fixture.Cluster.Authority.Certificate);
        using var response = await client.GetAsync("v2/");
        Assert.True(response.IsSuccessStatusCode);
        // The same client trusting another CA is refused: the check above really verified the chain and the name.
        using var stranger = new TestCertificateAuthority("swm stranger CA");
        using var untrusting = fixture.Cluster.Registry.CreateVerifyingClient(stranger.Certificate);
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("v2/"));

        // A node with the CA gets past TLS (the tag is absent: "not found"); without the CA in certs.d the same pull
        // fails on the certificate: the trust really comes from that file.
        var node = fixture.Cluster.Workers[0];
        var absent = $"{fixture.Cluster.Registry.Host}/swm/absent:{fixture.RunId}";
        var trusted = await fixture.Cluster.OnNodeAsync(node, ["docker", "pull", absent], throwOnError: false);
        Assert.False(trusted.Succeeded);
        Assert.DoesNotContain("certificate", trusted.Error, StringComparison.OrdinalIgnoreCase);
        var path = $"/etc/docker/certs.d/{fixture.Cluster.Registry.Host}/ca.crt";
        await fixture.Cluster.OnNodeAsync(node, ["mv", path, path + ".off"]);
        try
        {
            var untrusted = await fixture.Cluster.OnNodeAsync(node, ["docker", "pull", absent], throwOnError: false);
            output.WriteLine(untrusted.Error);
            Assert.False(untrusted.Succeeded);
            Assert.Contains("certificate", untrusted.Error, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await fixture.Cluster.OnNodeAsync(node, ["mv", path + ".off", path]);
        }
    }

    private static async Task<string> GetWithRetryAsync(HttpClient http, string url)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                return await http.GetStringAsync(new Uri(url));
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(300);
            }
        }
    }

    [GeneratedRegex(@"ip=(\d+\.\d+\.\d+\.\d+)")]
    private static partial Regex AddressLine();
}
