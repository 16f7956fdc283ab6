using Drydock.Edge.Contract;

namespace Drydock.Deploy.Tests;

/// <summary>
/// The canary and the early end of a window, as data: the verdict on a canary from both releases' traffic in the same
/// window, each tick's decision (verdict, Promote/Rollback signal, this deploy's lock), the signal's labels, and the
/// environment file's canary.
/// </summary>
public sealed class CanaryWindowTests
{
    private static readonly VerificationPolicy Policy = new() { Window = TimeSpan.FromSeconds(10), MinRequests = 20 };

    private static TrafficCountsView Counts(long ok, long errors = 0, long gone = 0) => new(ok + errors + gone, 0, ok, 0, 0, errors, 0, gone);

    private static readonly LatencyView Fast = new(100, 5, 20);

    private static CanaryReading Reading(TrafficCountsView stable, TrafficCountsView canary) => new(stable, Fast, canary, Fast);

    [Fact]
    public void The_baseline_is_the_serving_release_in_the_same_window_not_before_it()
    {
        // Before the canary the serving release had a bad minute (50 errors); since, none. The canary fails 30 of 100.
        var start = Reading(Counts(1000, errors: 50), Counts(0));
        var now = Reading(Counts(1900, errors: 50), Counts(70, errors: 30));

        var verdict = Assert.IsType<VerificationVerdict.Failed>(CanaryJudgement.Judge(start, now, Policy, windowOver: false));

        Assert.Equal((100L, 30L), (verdict.Window.Requests, verdict.Window.Errors));
        Assert.Equal((900L, 0L), (verdict.Baseline!.Requests, verdict.Baseline.Errors));
        Assert.Contains("error rate 30.0% is above the limit maxErrorRate 5.0%", verdict.Describe());
        Assert.Contains("the serving release in the same window: no errors", verdict.Describe().Replace("0 of 900 requests failed (0.0%), p99 20 ms", "no errors"));
    }

    [Theory]
    [InlineData(10, 0, false, typeof(VerificationVerdict.Undecided))] // too few canary requests yet
    [InlineData(10, 0, true, typeof(VerificationVerdict.Quiet))]      // and still too few at the end: quiet, passes
    [InlineData(100, 0, false, typeof(VerificationVerdict.Undecided))] // good so far: a pass waits for the end
    [InlineData(100, 0, true, typeof(VerificationVerdict.Passed))]
    [InlineData(99, 1, true, typeof(VerificationVerdict.Passed))]     // 1%: inside baseline 0% × 2 + 1% slack
    [InlineData(97, 3, false, typeof(VerificationVerdict.Failed))]    // 3%: above it, at once
    public void A_canary_is_judged_by_the_verification_rules_on_its_own_requests(long ok, long errors, bool over, Type expected)
    {
        var verdict = CanaryJudgement.Judge(Reading(Counts(500), Counts(0)), Reading(Counts(1400), Counts(ok, errors)), Policy, over);
        Assert.IsType(expected, verdict);
        Assert.Equal(CanaryJudgement.BaselineLabel, verdict.BaselineLabel);
    }

    [Fact]
    public void Requests_the_client_abandoned_are_nobodys_failure()
    {
        var verdict = CanaryJudgement.Judge(Reading(Counts(0), Counts(0)), Reading(Counts(500), Counts(100, gone: 40)), Policy, windowOver: true);
        Assert.Equal((100L, 0L), (verdict.Window.Requests, verdict.Window.Errors));
    }

    private static readonly WindowSignal PromoteMine = new(WindowAction.Promote, "lock-1", "ops@laptop", DateTimeOffset.UnixEpoch);
    private static readonly WindowSignal RollbackMine = PromoteMine with { Action = WindowAction.Rollback };
    private static readonly TrafficSample Some = new(50, 0, 20);
    private static readonly VerificationVerdict Undecided = new VerificationVerdict.Undecided(Some, null);
    private static readonly VerificationVerdict Failed = new VerificationVerdict.Failed(Some with { Errors = 50 }, null, ["error rate 100.0% is above the limit"]);

    public static TheoryData<VerificationVerdict, WindowSignal?, Type, bool> Ticks => new()
    {
        { Undecided, null, typeof(WindowStep.Continue), false },
        { new VerificationVerdict.Passed(Some, null), null, typeof(WindowStep.Promote), true },
        { new VerificationVerdict.Quiet(TrafficSample.None, null, 20), null, typeof(WindowStep.Promote), true },
        { Failed, null, typeof(WindowStep.Revert), false },
        { Undecided, PromoteMine, typeof(WindowStep.Promote), true },
        { Undecided, RollbackMine, typeof(WindowStep.Revert), false },
        { Failed, PromoteMine, typeof(WindowStep.Revert), false },                                // a failing release is never promoted, not even by hand
        { Undecided, PromoteMine with { LockId = "lock-0" }, typeof(WindowStep.Continue), false }, // an earlier run's signal
        { Undecided, RollbackMine with { LockId = "lock-0" }, typeof(WindowStep.Continue), false },
    };

    [Theory]
    [MemberData(nameof(Ticks))]
    public void Each_tick_decides_from_the_verdict_and_a_signal_of_this_deploys_lock(VerificationVerdict verdict, WindowSignal? signal, Type expected, bool passes)
    {
        var step = WindowDecision.Decide(verdict, signal, "lock-1");
        Assert.IsType(expected, step);
        var decided = step switch { WindowStep.Promote p => p.Verdict, WindowStep.Revert r => r.Verdict, _ => null };
        if (decided is not null)
            Assert.Equal(passes, decided.Passes);
    }

    [Fact]
    public void An_early_end_says_who_asked_with_which_command_and_the_numbers_so_far()
    {
        var promoted = ((WindowStep.Promote)WindowDecision.Decide(Undecided, PromoteMine, "lock-1")).Verdict;
        var reverted = ((WindowStep.Revert)WindowDecision.Decide(Undecided, RollbackMine, "lock-1")).Verdict;

        Assert.Equal("promoted early by ops@laptop with ./build.sh Promote during the window: 0 of 50 requests failed (0.0%), p99 20 ms; no previous release to compare with", promoted.Describe());
        Assert.StartsWith("reverted by ops@laptop with ./build.sh Rollback during the window: 0 of 50", reverted.Describe());
        Assert.True(new WindowEnd.Finished(RollbackMine, Samples.History("2.0.0", Samples.DigestB, ReleaseOutcome.Reverted) with { Message = reverted.Describe() }).Honoured);
        Assert.False(new WindowEnd.Finished(RollbackMine, Samples.History("2.0.0", Samples.DigestB)).Honoured);
    }

    [Fact]
    public void A_signal_travels_as_labels_and_anything_damaged_is_no_signal()
    {
        var labels = RollbackMine.ToLabels();
        Assert.Equal(RollbackMine, WindowSignal.FromLabels(labels));
        Assert.Null(WindowSignal.FromLabels(new Dictionary<string, string>(labels) { [WindowSignal.ActionLabel] = "delete" }));
        Assert.Null(WindowSignal.FromLabels(new Dictionary<string, string>(labels) { [WindowSignal.ActionLabel] = "7" }));
        Assert.Null(WindowSignal.FromLabels(new Dictionary<string, string>(labels) { [WindowSignal.LockIdLabel] = "" }));
        Assert.Null(WindowSignal.FromLabels(new Dictionary<string, string>()));
    }

    [Fact]
    public void The_environment_file_names_a_canary_as_a_percentage_and_a_canary_needs_a_window()
    {
        var root = Directory.CreateTempSubdirectory("drydock-canary-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".nuke", "environments"));
            File.WriteAllText(EnvironmentConfigFile.PathFor(root, "prod"), """{ "canary": "10%", "verification": { "window": "30s" } }""");
            File.WriteAllText(EnvironmentConfigFile.PathFor(root, "bad"), """{ "canary": "100%" }""");
            var config = EnvironmentConfigFile.Load(root, "prod");

            Assert.Equal(1000, config.Canary?.BasisPoints);
            config.Validate();
            var noWindow = Assert.Throws<DeployException>(() => (config with { Verification = config.Verification with { Window = TimeSpan.Zero } }).Validate());
            Assert.Contains("canary 10% needs a verification window", noWindow.Message);
            var bad = Assert.ThrowsAny<Exception>(() => EnvironmentConfigFile.Load(root, "bad"));
            Assert.Contains("strictly between 0% and 100%", bad.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_canary_governs_the_run_not_the_container_so_it_is_no_change()
    {
        var serving = new RecordedRelease(Samples.Spec(), Samples.Stamp());
        Assert.Null(NoChangeCheck.Difference(serving, Samples.Spec(config: new EnvironmentConfig { Canary = CanaryShare.Parse("10%") })));
    }

    [Fact]
    public void Status_shows_the_canary_its_share_and_its_live_numbers_beside_the_serving_release()
    {
        const string stable = "http://notes-local-1.0.0-aa:8080", canary = "http://notes-local-2.0.0-bb:8080";
        var share = CanaryShare.Parse("10%");
        var none = new TrafficCountsView(0, 0, 0, 0, 0, 0, 0, 0);
        var lines = EdgeStatus.Describe("drydock-edge-notes-local", "8080", new EdgeHealthView("ok", "1.0.0", true, null),
            new RouteTableView(3, new ActiveRouteView(stable, "1.0.0", Samples.Noon), [new UpstreamView(stable, true, 0, 900, 0, null), new UpstreamView(canary, false, 0, 100, 0, null)])
            {
                Canary = new CanaryView(canary, "2.0.0", share, "k1"),
            });
        var traffic = TrafficStatus.Lines(new EdgeMetricsView(DateTimeOffset.UnixEpoch, 30,
        [
            new UpstreamMetricsView("http://notes-local-0.9.0-cc:8080", "0.9.0", false, 0, none, none, new LatencyView(0, null, null)),
            new UpstreamMetricsView(canary, "2.0.0", false, 0, new TrafficCountsView(100, 0, 70, 0, 0, 30, 0, 0), new TrafficCountsView(100, 0, 70, 0, 0, 30, 0, 0), new LatencyView(100, 3, 9)) { CanaryShare = share },
            new UpstreamMetricsView(stable, "1.0.0", true, 0, new TrafficCountsView(900, 0, 900, 0, 0, 0, 0, 0), none, new LatencyView(0, null, null)),
        ]));

        Assert.Equal("canary   -> http://notes-local-2.0.0-bb:8080 (2.0.0) gets 10% of requests (a deploy's canary window; ./build.sh Promote or Rollback ends it)", lines[2]);
        Assert.Equal(3, lines.Count); // the canary is not listed again as retired
        Assert.StartsWith("traffic  http://notes-local-1.0.0-aa:8080 (1.0.0, active)", traffic[0]);
        Assert.Equal("traffic  http://notes-local-2.0.0-bb:8080 (2.0.0, canary 10%): last 30s 100 requests, 30 failed, p50/p99 3/9 ms; since the edge started 100 requests, 30 failed", traffic[1]);
    }
}
