namespace Drydock.Deploy.Tests;

/// <summary>The swarm decisions as data: where the nodes pull from, the release and edge services, rollback targets, retention, drift.</summary>
public sealed class ClusterDecisionTests
{
    private static readonly EnvironmentId Cluster = new("notes", "cluster");
    private static readonly SwarmNode Manager = new("n1", "node-1", SwarmRole.Manager, "ready", "active") { IsLeader = true };
    private static readonly SwarmNode Worker = new("n2", "node-2", SwarmRole.Worker, "ready", "active");

    private static EnvironmentConfig Swarm(bool? stateful = null, int? replicas = null) =>
        new() { Platform = DeployPlatform.Swarm, Stateful = stateful, Replicas = replicas, RegistryPull = "registry.internal:5000" };

    private static ReleaseSpec Spec(string version, string digest, EnvironmentConfig config) => Samples.Spec(version, digest, "cluster", config);

    private static ClusterRelease Release(string version, string digest, int replicas, DateTimeOffset at, EnvironmentConfig? config = null, IReadOnlyDictionary<string, string>? env = null)
    {
        var spec = Spec(version, digest, config ?? Swarm(stateful: false));
        var stamp = Samples.Stamp(releaseId: version.Replace(".", string.Empty, StringComparison.Ordinal), at: at);
        var labels = new Dictionary<string, string>(ReleaseLabels.ForRelease(spec, stamp, ContainerRole.Release)) { [ClusterNames.PullImageLabel] = $"registry.internal:5000/notes@{digest}" };
        var service = new SwarmService("id-" + version, spec.Id.ReleaseService(version, stamp.ReleaseId), $"registry.internal:5000/notes:{version}@{digest}")
        {
            Labels = labels, Replicas = replicas, Environment = env ?? spec.Config.Env, EndpointMode = "dnsrr",
        };
        return new ClusterRelease(service, ReleaseLabels.Read(labels));
    }

    private static ClusterSnapshot Snapshot(params ClusterRelease[] releases) =>
        new(Cluster, [Manager, Worker], releases, new SwarmService("e", Cluster.EdgeService(), "edge"), [], []);

    [Fact]
    public void The_embedded_loopback_registry_is_refused_before_anything_naming_registry_and_registryPull()
    {
        var (repository, refusal) = RegistryReach.PullRepository("127.0.0.1:5000/notes", null);
        Assert.Null(repository);
        Assert.Contains("--registry", refusal);
        Assert.Contains("registryPull", refusal);
        Assert.Contains("Nothing was changed", refusal);
        Assert.NotNull(RegistryReach.PullRepository("localhost:5000/notes", null).Refusal);

        Assert.Equal(("registry.internal:5000/team/notes", (string?)null), RegistryReach.PullRepository("127.0.0.1:5443/team/notes", "registry.internal:5000"));
        Assert.Equal(("ghcr.io/acme/notes", (string?)null), RegistryReach.PullRepository("ghcr.io/acme/notes", null));
    }

    [Fact]
    public void A_stateful_release_gets_one_replica_pinned_by_a_node_label_on_the_manager_and_its_service_is_dnsrr_under_the_alias()
    {
        var spec = Spec("1.0.0", Samples.DigestA, Swarm());
        var decision = ClusterReleasePlan.Decide(Snapshot(), spec, Samples.Stamp(), "registry.internal:5000/notes");

        Assert.False(decision.Refused, decision.Refusal);
        Assert.Equal(("node-1", StatefulPlacement.VolumeLabelPrefix + Cluster.DataVolume, "true"), decision.Placement!.NodeLabel);
        var arguments = string.Join(' ', decision.Service!.ToArguments());
        Assert.Contains("--replicas 1", arguments);
        Assert.Contains($"--constraint node.labels.{StatefulPlacement.VolumeLabelPrefix}{Cluster.DataVolume}==true", arguments);
        Assert.Contains("--endpoint-mode dnsrr", arguments);
        Assert.Contains($"--network name={Cluster.OverlayNetwork()},alias={Cluster.ActiveAlias()}", arguments);
        Assert.Contains($"--mount type=volume,source={Cluster.DataVolume},target=/data", arguments);
        Assert.Contains("--mount type=tmpfs,target=/tmp", arguments);
        Assert.Contains("--read-only", arguments);
        Assert.Contains("--cap-drop ALL", arguments);
        Assert.Contains("--with-registry-auth", arguments);
        Assert.EndsWith($"registry.internal:5000/notes@{Samples.DigestA}", arguments);
        Assert.Equal(Samples.DigestA, ReleaseLabels.Read(decision.Service.Labels)?.Spec.Digest);
        // Swarm names are DNS labels: no dots.
        Assert.Equal("notes-cluster-1-0-0-a1b2c3", decision.Service.Name);
    }

    [Fact]
    public void A_stateful_release_asked_for_two_replicas_is_refused_with_the_reason_and_a_stateless_one_scales()
    {
        var refused = ClusterReleasePlan.Decide(Snapshot(), Spec("1.0.0", Samples.DigestA, Swarm(replicas: 2)), Samples.Stamp(), "r:5000/notes");
        Assert.True(refused.Refused);
        Assert.Contains("SQLite", refused.Refusal);
        Assert.Contains("\"stateful\": false", refused.Refusal);

        var stateless = ClusterReleasePlan.Decide(Snapshot(), Spec("1.0.0", Samples.DigestA, Swarm(stateful: false) with { Constraints = ["node.labels.zone==a"] }), Samples.Stamp(), "r:5000/notes");
        Assert.Equal(ClusterConfig.DefaultReplicas, stateless.Service!.Replicas);
        Assert.Equal(["node.labels.zone==a"], stateless.Service.Constraints);
        Assert.Null(stateless.Placement!.NodeLabel);
    }

    [Fact]
    public void A_stateful_release_whose_volume_label_is_gone_is_refused_naming_the_node_the_data_was_on()
    {
        var key = StatefulPlacement.VolumeLabelPrefix + Cluster.DataVolume;
        var holder = Worker with { Labels = new Dictionary<string, string> { [key] = "true" } };
        var first = ClusterReleasePlan.Decide(Snapshot() with { Nodes = [Manager, holder] }, Spec("1.0.0", Samples.DigestA, Swarm()), Samples.Stamp(), "r:5000/notes");
        Assert.False(first.Refused, first.Refusal);
        var ran = new SwarmService("id-1", first.Service!.Name, first.Service.Image) { Labels = first.Service.Labels, Replicas = 1, Constraints = first.Service.Constraints };
        var serving = new ClusterRelease(ran, ReleaseLabels.Read(ran.Labels));
        var next = Spec("2.0.0", Samples.DigestB, Swarm());

        // node-2 left the swarm: the manager would otherwise be labelled and the release start on an empty volume.
        var removed = ClusterReleasePlan.Decide(Snapshot(serving) with { Nodes = [Manager] }, next, Samples.Stamp(), "r:5000/notes");
        Assert.True(removed.Refused);
        Assert.Null(removed.Service);
        Assert.Contains($"{Cluster.DataVolume} was on node-2", removed.Refusal);
        Assert.Contains("node-2 is no longer in the swarm", removed.Refusal);
        Assert.Contains($"docker node update --label-add {key}=true <node>", removed.Refusal);
        Assert.Contains("Nothing was changed", removed.Refusal);

        // node-2 re-joined: it is back, without its labels.
        var rejoined = ClusterReleasePlan.Decide(Snapshot(serving), next, Samples.Stamp(), "r:5000/notes");
        Assert.True(rejoined.Refused);
        Assert.Contains("node-2 is in the swarm but no longer carries the label", rejoined.Refusal);
        Assert.Contains($"docker node update --label-add {key}=true node-2", rejoined.Refusal);

        // A release from before the node was recorded still shows the data existed, by its constraint.
        var unrecorded = serving with { Service = ran with { Labels = ran.Labels.Where(l => l.Key != ClusterNames.DataNodeLabel).ToDictionary() } };
        Assert.Contains("an unrecorded node", ClusterReleasePlan.Decide(Snapshot(unrecorded), next, Samples.Stamp(), "r:5000/notes").Refusal);

        var labelledAgain = ClusterReleasePlan.Decide(Snapshot(serving) with { Nodes = [Manager, holder] }, next, Samples.Stamp(), "r:5000/notes");
        Assert.False(labelledAgain.Refused, labelledAgain.Refusal);
        Assert.Null(labelledAgain.Placement!.NodeLabel);
        Assert.Equal("node-2", labelledAgain.Service!.Labels[ClusterNames.DataNodeLabel]);
    }

    [Fact]
    public void The_edge_is_a_global_service_publishing_the_port_in_host_mode_and_routing_to_the_alias()
    {
        var settings = ClusterEdge.Settings(Cluster, Swarm() with { HostPort = 80, ContainerPort = 8080 }, "registry.internal:5000/drydock/edge:1-abc");
        var arguments = string.Join(' ', settings.ToArguments());
        Assert.Contains("--mode global", arguments);
        Assert.Contains("--publish mode=host,target=8080,published=80", arguments);
        Assert.Contains($"--env EDGE_ROUTE=http://{Cluster.ActiveAlias()}:8080", arguments);
        Assert.Contains("--env EDGE_ADMIN_PORT=off", arguments);
        Assert.Contains("--update-order stop-first", arguments);
        Assert.Contains("--health-timeout 10s", arguments);
        Assert.Contains("--health-retries 5", arguments);

        var running = new SwarmService("e", settings.Name, settings.Image) { Labels = settings.Labels };
        Assert.Null(ClusterEdge.Outdated(running, settings));
        var moved = ClusterEdge.Settings(Cluster, Swarm() with { HostPort = 81 }, "registry.internal:5000/drydock/edge:1-abc");
        Assert.Contains("public-port 80", ClusterEdge.Outdated(running, moved));
    }

    [Fact]
    public void Rollback_chooses_as_on_one_engine_a_retained_service_is_scaled_back_and_a_pruned_version_comes_from_history_or_registry()
    {
        var v1 = Release("1.0.0", Samples.DigestA, 0, Samples.Noon);
        var v2 = Release("2.0.0", Samples.DigestB, 0, Samples.Noon.AddHours(1));
        var v3 = Release("3.0.0", Samples.DigestC, 2, Samples.Noon.AddHours(2));
        // 0.9.0 ran here once; its service was pruned (keepReleases) and only the history remembers it.
        HistoryRecord Ran(string version, string digest, int hour) => Samples.History(version, digest, at: Samples.Noon.AddHours(hour)) with { Environment = "cluster" };
        var snapshot = Snapshot(v1, v2, v3) with { History = [Ran("0.9.0", Samples.DigestA, -1), Ran("1.0.0", Samples.DigestA, 0), Ran("2.0.0", Samples.DigestB, 1), Ran("3.0.0", Samples.DigestC, 2)] };

        Assert.Same(v3, snapshot.Active);
        var previous = Assert.IsType<RollbackChoice.Target>(RollbackStep.Choose(snapshot, null, [], registryAvailable: false));
        Assert.Same(v2, ClusterChoices.Holding(snapshot, previous.Spec));
        var named = Assert.IsType<RollbackChoice.Target>(RollbackStep.Choose(snapshot, "1.0.0", [], registryAvailable: false));
        Assert.Same(v1, ClusterChoices.Holding(snapshot, named.Spec));

        var fromHistory = Assert.IsType<RollbackChoice.Target>(RollbackStep.Choose(snapshot, "0.9.0", [], registryAvailable: false));
        Assert.Equal(RollbackSource.History, fromHistory.Source);
        Assert.Null(ClusterChoices.Holding(snapshot, fromHistory.Spec));
        // Recreated with today's platform and pull address, the recorded rest.
        var today = Swarm(stateful: false) with { RegistryPull = "registry.new:5000", DeployTimeout = TimeSpan.FromSeconds(42) };
        var recreated = RollbackPlan.Spec(fromHistory.Spec, today, strategyOwnsPort: true);
        Assert.Equal((DeployPlatform.Swarm, "registry.new:5000", TimeSpan.FromSeconds(42)), (recreated.Config.Platform, recreated.Config.RegistryPull, recreated.Config.DeployTimeout));

        Assert.IsType<RollbackChoice.Unknown>(RollbackStep.Choose(snapshot, "0.8.0", [], registryAvailable: false));
        Assert.Equal(new RollbackChoice.FromRegistry("0.8.0"), RollbackStep.Choose(snapshot, "0.8.0", ["0.8.0", "3.0.0"], registryAvailable: true));
        Assert.IsType<RollbackChoice.Nothing>(RollbackStep.Choose(Snapshot(v3), null, [], registryAvailable: false));
    }

    [Fact]
    public void A_release_reverted_by_its_window_is_never_scaled_back_by_a_rollback_to_its_version()
    {
        var good = Release("2.0.0", Samples.DigestB, 0, Samples.Noon);
        var failed = good with
        {
            Service = good.Service with { Name = good.Name + "-bad" },
            Recorded = good.Recorded! with { Stamp = good.Recorded.Stamp with { ReleaseId = "bad001", DeployedAt = Samples.Noon.AddHours(1) } },
        };
        var v3 = Release("3.0.0", Samples.DigestC, 2, Samples.Noon.AddHours(2));
        HistoryRecord Ran(string version, string digest, int hour, string releaseId, ReleaseOutcome outcome) =>
            Samples.History(version, digest, at: Samples.Noon.AddHours(hour)) with { Environment = "cluster", ReleaseId = releaseId, Outcome = outcome };
        var snapshot = Snapshot(good, failed, v3) with
        {
            History = [Ran("2.0.0", Samples.DigestB, 0, good.Recorded.Stamp.ReleaseId, ReleaseOutcome.Succeeded), Ran("2.0.0", Samples.DigestB, 1, "bad001", ReleaseOutcome.Reverted), Ran("3.0.0", Samples.DigestC, 2, v3.Recorded!.Stamp.ReleaseId, ReleaseOutcome.Succeeded)],
        };

        var target = Assert.IsType<RollbackChoice.Target>(RollbackStep.Choose(snapshot, "2.0.0", [], registryAvailable: false));

        Assert.Equal(good.Recorded.Spec, target.Spec);
        Assert.Same(good, ClusterChoices.Holding(snapshot, target.Spec));
        Assert.Null(ClusterChoices.Holding(snapshot with { Releases = [failed, v3] }, target.Spec));
    }

    [Fact]
    public void Retention_removes_retained_releases_beyond_keepReleases_never_the_serving_one()
    {
        var releases = Enumerable.Range(1, 4).Select(i => Release($"{i}.0.0", Samples.DigestA, 0, Samples.Noon.AddHours(i))).ToList();
        var serving = Release("5.0.0", Samples.DigestB, 2, Samples.Noon.AddHours(5));
        var snapshot = Snapshot([.. releases, serving]);

        Assert.Equal([releases[1].Name, releases[0].Name], ClusterChoices.Prune(snapshot, serving.Name, keep: 2));
        Assert.Empty(ClusterChoices.Prune(snapshot, serving.Name, keep: 5));
    }

    [Fact]
    public void A_service_changed_by_hand_is_drift_naming_the_variable_not_its_value_and_an_untouched_one_is_not()
    {
        var config = Swarm(stateful: false) with { Env = new Dictionary<string, string> { ["MODE"] = "a" } };
        Assert.Empty(ClusterChoices.Drift(Snapshot(Release("1.0.0", Samples.DigestA, 2, Samples.Noon, config))));

        var changed = Release("1.0.0", Samples.DigestA, 2, Samples.Noon, config, env: new Dictionary<string, string> { ["MODE"] = "b" });
        var drift = ClusterChoices.Drift(Snapshot(changed));
        Assert.Equal("env MODE", Assert.Single(drift).Field);
        Assert.DoesNotContain("b", drift[0].Live);

        var scaled = changed with { Service = changed.Service with { Replicas = 5, Environment = config.Env } };
        Assert.Equal("replicas", Assert.Single(ClusterChoices.Drift(Snapshot(scaled))).Field);
    }

    [Fact]
    public void A_swarm_status_is_the_one_status_type_describing_the_cluster_and_failing_on_a_hand_edit()
    {
        var config = Swarm(stateful: false) with { Env = new Dictionary<string, string> { ["MODE"] = "a" } };
        var retained = Release("1.0.0", Samples.DigestA, 0, Samples.Noon, config);
        var changed = Release("2.0.0", Samples.DigestB, 2, Samples.Noon.AddHours(1), config, env: new Dictionary<string, string> { ["MODE"] = "b" });
        var snapshot = Snapshot(retained, changed);
        IReleaseState state = snapshot;
        var status = new EnvironmentStatus("notes", "cluster")
        {
            ServingRelease = state.ServingRecord,
            Retained = state.RetainedRecords,
            Swarm = new SwarmStatus(snapshot.Status, snapshot.Active, ClusterChoices.Drift(snapshot)),
        };

        var text = status.Describe();
        Assert.StartsWith($"active release: 2.0.0 ({changed.Name})", text);
        Assert.Contains("retained (scaled to 0, for rollback): 1.0.0", text);
        Assert.Contains("DRIFT: ", text);
        Assert.True(status.HasDrift);
        Assert.Equal("cluster's service was changed by hand (" + string.Join("; ", status.Swarm!.Drift) + ")", status.DriftProblem);
        Assert.Contains("env MODE", status.DriftProblem);
        Assert.DoesNotContain("b)", status.DriftProblem);

        var untouched = status with { Swarm = status.Swarm with { Drift = [] } };
        Assert.False(untouched.HasDrift);
        Assert.Null(untouched.DriftProblem);
        Assert.Contains("drift: none", untouched.Describe());
    }

    [Fact]
    public void A_release_already_active_with_its_tasks_running_is_nothing_to_do()
    {
        var config = Swarm(stateful: false);
        var active = Release("1.0.0", Samples.DigestA, 2, Samples.Noon, config);
        var tasks = new[] { "1", "2" }.Select(i => new SwarmTask(i, $"{active.Name}.{i}", "img", "node-" + i, "Running", "Running 5 seconds ago")).ToArray();
        var snapshot = Snapshot(active) with { Tasks = tasks };

        Assert.True(ClusterChoices.AlreadyServes(snapshot, Spec("1.0.0", Samples.DigestA, config)));
        Assert.False(ClusterChoices.AlreadyServes(snapshot, Spec("2.0.0", Samples.DigestB, config)));
        Assert.False(ClusterChoices.AlreadyServes(snapshot with { Tasks = tasks[..1] }, Spec("1.0.0", Samples.DigestA, config)));
    }
}
