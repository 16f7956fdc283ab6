using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy.Tests;

/// <summary>A deploy of what serves heals a drifted release (a fresh container, recorded as a redeploy) and leaves a clean one alone.</summary>
public sealed class DriftHealingTests
{
    private readonly FakeDockerEngine _engine = new();
    private readonly RecordingBuildLog _log = new();
    private readonly InMemoryHistory _history = new();

    private ReleaseManager Manager() => FakeEngineManager.Create(_engine, _log, FakeEngineManager.Options(_history));

    private static DeployRequest Request() =>
        new("notes", "127.0.0.1:5000/notes", Samples.DigestA, "1.0.0") { Commit = "c1", Config = new EnvironmentConfig { DeployTimeout = TimeSpan.FromSeconds(2) } };

    [Fact]
    public void Drift_is_a_reason_to_redeploy_naming_the_findings_and_none_is_not()
    {
        var drift = new DriftReport("notes-local-1.0.0-a1", [new DriftFinding(DriftKind.Configuration, "memory limit", "536870912", "629145600")]);

        Assert.Contains("notes-local-1.0.0-a1 serves the requested digest and configuration but has drifted", DriftHealing.Decide(drift));
        Assert.Contains("memory limit: expected 536870912, found 629145600", DriftHealing.Decide(drift));
        Assert.Contains("redeploying it as a fresh container from the same digest and configuration, health first", DriftHealing.Decide(drift));
        Assert.Null(DriftHealing.Decide(new DriftReport("notes-local-1.0.0-a1", [])));
    }

    [Fact]
    public async Task A_deploy_replaces_a_release_whose_limits_were_changed_by_hand_and_records_a_redeploy()
    {
        var manager = Manager();
        var first = await manager.DeployAsync(Request());
        // docker update --memory 600m, as the issue did.
        var drifted = _engine.Containers[first.Container];
        drifted.Options = [.. drifted.Options.Where(o => o.Flag != "--memory"), ("--memory", "600m")];
        Assert.True((await manager.CheckDriftAsync(new EnvironmentId("notes", "local"))).HasDrift);

        var again = await manager.DeployAsync(Request());

        Assert.False(again.Unchanged);
        Assert.Equal(ReleaseAction.Redeploy, again.Action);
        Assert.NotEqual(first.Container, again.Container);
        Assert.Contains("has drifted from its release (configuration: memory limit", _log.Text);
        Assert.Contains("Redeployed (drift healed) notes 1.0.0", _log.Text);
        Assert.Equal([ReleaseAction.Deploy, ReleaseAction.Redeploy], _history.Records.Select(r => r.Action));
        Assert.Equal((ReleaseOutcome.Succeeded, again.Container, Samples.DigestA), (_history.Records[^1].Outcome, _history.Records[^1].Container, _history.Records[^1].Digest));
        Assert.False(_engine.Containers[first.Container].Running);
        Assert.False((await manager.CheckDriftAsync(new EnvironmentId("notes", "local"))).HasDrift);

        // Healed: the next deploy of the same release has nothing to do.
        Assert.True((await manager.DeployAsync(Request())).Unchanged);
    }
}
