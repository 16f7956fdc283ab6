using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy.Tests;

/// <summary>The manager's flows (lock, recovery, history, retention, refusals) against a simulated docker CLI.</summary>
public sealed class ReleaseManagerTests
{
    private readonly FakeDockerEngine _engine = new();
    private readonly RecordingBuildLog _log = new();
    private readonly InMemoryHistory _history = new();
    private Func<int, DateTimeOffset?> _processStartedAt = ProcessIdentity.StartedAt;

    // The manager's flows with the replace strategy, which the simulated CLI runs end to end (the edge's decisions are tested in EdgeStrategyTests).
    private readonly CountingTags _tags = new();

    private ReleaseManager Manager() => FakeEngineManager.Create(_engine, _log, FakeEngineManager.Options(_history) with
    {
        Tags = _tags,
        ReadEnvironment = name => name switch { "API_KEY" => "k-123456", "USER" => "dev", _ => null },
        ProcessStartedAt = pid => _processStartedAt(pid),
    });

    private static DeployRequest Request(string version, string digest, int keep = 5) =>
        new("notes", "127.0.0.1:5000/notes", digest, version) { Commit = "c" + version, Config = new EnvironmentConfig { KeepReleases = keep, DeployTimeout = TimeSpan.FromSeconds(2) } };

    private IReadOnlyList<FakeContainer> Releases => _engine.Containers.Values.Where(c => c.Labels.GetValueOrDefault(ReleaseLabels.Role) == "release").ToList();

    [Fact]
    public async Task Deploys_record_history_replace_and_prune_and_release_the_lock()
    {
        var manager = Manager();
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA, keep: 1));
        await manager.DeployAsync(Request("2.0.0", Samples.DigestB, keep: 1));
        var third = await manager.DeployAsync(Request("3.0.0", Samples.DigestC, keep: 1));

        Assert.Equal("2.0.0", third.ReplacedVersion);
        Assert.Equal(["1.0.0", "2.0.0", "3.0.0"], _history.Records.Select(r => r.Version));
        Assert.All(_history.Records, r => Assert.Equal((ReleaseOutcome.Succeeded, "dev@" + ProcessIdentity.Host), (r.Outcome, r.Who)));
        Assert.Equal(third.Container, _history.Records[^1].Container);
        // keepReleases 1: v1 was pruned, v2 stays stopped for rollback, v3 serves.
        Assert.Equal([("2.0.0", false), ("3.0.0", true)], Releases.Select(c => (c.Labels[ReleaseLabels.Version], c.Running)).Order());
        Assert.DoesNotContain(_engine.Containers.Keys, name => name.StartsWith("drydock-lock-", StringComparison.Ordinal));
        Assert.Contains(_engine.Commands, c => c is ["image", "rm", ..] && c[^1].EndsWith(Samples.DigestA, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_deploy_is_recorded_and_rethrown()
    {
        var manager = Manager();
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        _engine.Health = name => name.EndsWith("-candidate", StringComparison.Ordinal) ? "unhealthy" : "healthy";

        await Assert.ThrowsAsync<DeployException>(() => manager.DeployAsync(Request("2.0.0", Samples.DigestB)));

        Assert.Equal([ReleaseOutcome.Succeeded, ReleaseOutcome.Failed], _history.Records.Select(r => r.Outcome));
        Assert.Contains("did not become healthy", _history.Records[1].Message);
        Assert.Equal("1.0.0", Assert.Single(Releases, c => c.Running).Labels[ReleaseLabels.Version]);
    }

    [Fact]
    public async Task A_lock_held_by_a_live_process_refuses_the_deploy_naming_the_holder()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-2);
        var holder = new LockInfo("ci@runner", ProcessIdentity.Host, 999_999, since.AddSeconds(-5), since, "deploy 9.9.9", "theirs");
        _engine.Add("drydock-lock-notes-local", new Dictionary<string, string>(ReleaseLabels.Owner(new EnvironmentId("notes", "local"), ContainerRole.Lock)).Concat(holder.ToLabels()).ToDictionary(), running: false);
        _processStartedAt = pid => pid == 999_999 ? since.AddSeconds(-5) : null;

        var error = await Assert.ThrowsAsync<DeployLockedException>(() => Manager().DeployAsync(Request("1.0.0", Samples.DigestA)));

        Assert.Contains($"locked by ci@runner (pid 999999 on {ProcessIdentity.Host}, deploy 9.9.9) since", error.Message);
        Assert.Contains("ago", error.Message);
        Assert.Empty(Releases);
        Assert.True(_engine.Containers.ContainsKey("drydock-lock-notes-local"));
        Assert.Empty(_history.Records);
    }

    [Fact]
    public async Task A_lock_whose_holder_died_is_taken_over_and_the_interrupted_run_cleaned_up()
    {
        var manager = Manager();
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        // What a SIGKILL mid-deploy leaves: the lock, a running candidate, a created-but-never-started release.
        var dead = new LockInfo("dev@laptop", ProcessIdentity.Host, 999_998, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "deploy 2.0.0", "dead");
        _engine.Add("drydock-lock-notes-local", new Dictionary<string, string>(ReleaseLabels.Owner(new EnvironmentId("notes", "local"), ContainerRole.Lock)).Concat(dead.ToLabels()).ToDictionary(), running: false);
        var candidateLabels = ReleaseLabels.ForRelease(Samples.Spec("2.0.0", Samples.DigestB), Samples.Stamp("dead00"), ContainerRole.Candidate);
        _engine.Add("notes-local-2.0.0-dead00-candidate", candidateLabels, running: true, hostPort: 0);
        _engine.Add("notes-local-2.0.0-dead00", ReleaseLabels.ForRelease(Samples.Spec("2.0.0", Samples.DigestB), Samples.Stamp("dead00"), ContainerRole.Release), running: false);
        _processStartedAt = _ => null;

        var result = await manager.DeployAsync(Request("2.0.0", Samples.DigestB));

        Assert.Contains("Taking over the deploy lock of local from dev@laptop", _log.Text);
        Assert.Contains("is no longer running", _log.Text);
        Assert.Contains("Removing 1 candidate container(s) left by an interrupted run: notes-local-2.0.0-dead00-candidate", _log.Text);
        Assert.Contains("created but never started: notes-local-2.0.0-dead00", _log.Text);
        Assert.Equal(result.Container, Assert.Single(Releases, c => c.Running).Name);
        Assert.False(_engine.Containers.ContainsKey("drydock-lock-notes-local"));
    }

    [Fact]
    public async Task When_nothing_serves_the_release_that_served_last_is_started_before_anything_else()
    {
        var manager = Manager();
        var first = await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        _engine.Containers[first.Container].Running = false;
        _engine.Containers[first.Container].FinishedAt = DateTimeOffset.UtcNow;

        var result = await manager.RollbackAsync(new RollbackRequest("notes"));

        Assert.False(result.RolledBack);
        Assert.Contains($"starting {first.Container}, the release that served last", _log.Text);
        Assert.True(_engine.Containers[first.Container].Running);
    }

    [Fact]
    public async Task A_missing_secret_stops_the_deploy_before_any_docker_command()
    {
        var request = Request("1.0.0", Samples.DigestA) with { Config = new EnvironmentConfig { SecretEnv = ["DB_PASSWORD"] } };

        var error = await Assert.ThrowsAsync<DeployException>(() => Manager().DeployAsync(request));

        Assert.Contains("DB_PASSWORD", error.Message);
        Assert.Empty(_engine.Commands);
    }

    [Fact]
    public async Task An_image_that_runs_as_root_is_refused()
    {
        _engine.ImageUser = "";
        var error = await Assert.ThrowsAsync<DeployException>(() => Manager().DeployAsync(Request("1.0.0", Samples.DigestA)));
        Assert.Contains("would run as root", error.Message);
        Assert.DoesNotContain(_engine.Commands, c => c[0] == "create");
    }

    [Fact]
    public async Task A_request_that_is_not_a_digest_is_refused()
    {
        var error = await Assert.ThrowsAsync<DeployException>(() => Manager().DeployAsync(Request("1.0.0", "latest")));
        Assert.Contains("'latest' is not an image digest", error.Message);
        Assert.Empty(_engine.Commands);
    }

    [Fact]
    public async Task Rollback_recreates_the_previous_release_from_its_recorded_configuration()
    {
        var manager = Manager();
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA) with { Config = new EnvironmentConfig { HostPort = 9100, DeployTimeout = TimeSpan.FromSeconds(2) } });
        await manager.DeployAsync(Request("2.0.0", Samples.DigestB) with { Config = new EnvironmentConfig { HostPort = 9100, DeployTimeout = TimeSpan.FromSeconds(2) } });

        var result = await manager.RollbackAsync(new RollbackRequest("notes"));

        Assert.True(result.RolledBack);
        Assert.Equal("Rolled local back from 2.0.0 to 1.0.0.", result.Message);
        Assert.Equal(RollbackSource.RetainedContainer, result.Source);
        var serving = Assert.Single(Releases, c => c.Running);
        Assert.Equal("1.0.0", serving.Labels[ReleaseLabels.Version]);
        Assert.Equal("127.0.0.1:9100:8080", serving.PortSpec);
        Assert.Equal((ReleaseAction.Rollback, "1.0.0", "2.0.0"), (_history.Records[^1].Action, _history.Records[^1].Version, _history.Records[^1].PreviousVersion));
    }

    [Fact]
    public async Task A_rollback_to_a_release_that_served_here_reads_the_environment_once_and_never_asks_the_registry()
    {
        var manager = Manager();
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        await manager.DeployAsync(Request("2.0.0", Samples.DigestB));
        var before = _engine.Commands.Count;

        var result = await manager.RollbackAsync(new RollbackRequest("notes") { Repository = "127.0.0.1:5000/notes" });

        Assert.True(result.RolledBack);
        Assert.Equal(0, _tags.Listed);
        // Under the lock nothing else changes the environment: one listing serves recovery, the choice and the rollout
        // (retention lists again afterwards, once the rollout has changed it).
        var untilCreate = _engine.Commands.Skip(before).TakeWhile(c => c[0] != "create" || c.Contains("drydock/holder:1")).ToList();
        Assert.Single(untilCreate, c => c[0] == "ps");
        Assert.DoesNotContain(_engine.Commands.Skip(before), c => c is ["image", "inspect", "drydock/holder:1", ..] or ["volume", "ls", ..]);
    }

    [Fact]
    public async Task A_rollback_to_a_version_this_environment_never_ran_asks_the_registry()
    {
        var manager = Manager();
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        _tags.Tags["0.9.0"] = new TaggedRelease("0.9.0", Samples.DigestC, "c0.9.0");

        var result = await manager.RollbackAsync(new RollbackRequest("notes") { Repository = "127.0.0.1:5000/notes", ToVersion = "0.9.0" });

        Assert.Equal(1, _tags.Listed);
        Assert.Equal(RollbackSource.Registry, result.Source);
        Assert.Equal("0.9.0", Assert.Single(Releases, c => c.Running).Labels[ReleaseLabels.Version]);
    }

    [Fact]
    public async Task A_rollback_to_a_version_known_nowhere_names_what_is_known_and_changes_nothing()
    {
        var manager = Manager();
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        _tags.Tags["0.9.0"] = new TaggedRelease("0.9.0", Samples.DigestC, "c0.9.0");
        var before = _engine.Commands.Count;

        var error = await Assert.ThrowsAsync<DeployException>(() => manager.RollbackAsync(new RollbackRequest("notes") { Repository = "127.0.0.1:5000/notes", ToVersion = "7.0.0" }));

        Assert.Contains("Known versions: 0.9.0, 1.0.0", error.Message);
        Assert.Contains("Nothing was changed", error.Message);
        Assert.DoesNotContain(_engine.Commands.Skip(before), c => c[0] is "create" && !c.Contains("drydock/holder:1"));
        Assert.Equal("1.0.0", Assert.Single(Releases, c => c.Running).Labels[ReleaseLabels.Version]);
    }

    [Fact]
    public async Task Status_reports_what_serves_and_whether_it_matches_the_history()
    {
        var manager = Manager();
        var deployed = await manager.DeployAsync(Request("1.0.0", Samples.DigestA));

        var status = await manager.StatusAsync(new EnvironmentId("notes", "local"));

        Assert.Equal(deployed.Container, status.Serving!.Name);
        Assert.Equal("1.0.0", status.ServingRelease!.Spec.Version);
        Assert.True(status.MatchesLastRelease);
        Assert.Contains("local of notes: 1.0.0 in " + deployed.Container, status.Describe());
        Assert.Contains("serving matches it", status.Describe());
    }

    [Fact]
    public async Task Status_of_an_environment_never_deployed_says_nothing_serves()
    {
        var status = await Manager().StatusAsync(new EnvironmentId("notes", "local"));
        Assert.Null(status.Serving);
        Assert.False(status.MatchesLastRelease);
        Assert.StartsWith("Nothing serves local of notes.", status.Describe());
        Assert.False(status.Drift!.HasDrift);
    }

    [Fact]
    public async Task The_edge_strategy_without_edge_options_is_refused_before_anything_changes()
    {
        var manager = new ReleaseManager(new DockerCli(_engine) { Masker = new SecretMasker() }, _log, new ReleaseManagerOptions { History = _history });

        var error = await Assert.ThrowsAsync<DeployException>(() => manager.DeployAsync(Request("1.0.0", Samples.DigestA) with { Config = new EnvironmentConfig { Strategy = DeployStrategyKind.Edge } }));

        Assert.Contains("Nothing was changed", error.Message);
        Assert.Empty(_engine.Commands);
    }

    [Fact]
    public async Task A_deploy_of_what_already_serves_changes_and_records_nothing()
    {
        var manager = Manager();
        var first = await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        var commands = _engine.Commands.Count;

        var again = await manager.DeployAsync(Request("1.0.0", Samples.DigestA));

        Assert.True(again.Unchanged);
        Assert.Equal(first.Container, again.Container);
        Assert.Single(_history.Records);
        Assert.DoesNotContain(_engine.Commands.Skip(commands), c => c[0] is "start" or "stop" || (c[0] == "create" && !c.Contains("drydock/holder:1")));
        Assert.Contains("nothing to do", _log.Text);
    }
}

/// <summary>A registry's tags in memory, counting how often the list is asked for.</summary>
internal sealed class CountingTags : IReleaseTags
{
    public Dictionary<string, TaggedRelease> Tags { get; } = new(StringComparer.Ordinal);

    public int Listed { get; private set; }

    public Task<IReadOnlyList<string>> ListAsync(string repository, CancellationToken cancellationToken)
    {
        Listed++;
        return Task.FromResult<IReadOnlyList<string>>([.. Tags.Keys]);
    }

    public Task<TaggedRelease?> FindAsync(string repository, string tag, CancellationToken cancellationToken) =>
        Task.FromResult(Tags.GetValueOrDefault(tag));
}
