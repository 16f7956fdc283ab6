using Drydock.Edge.Contract;

namespace Drydock.Deploy.Tests;

/// <summary>The verification rules as data: absolute limits, relative thresholds against the baseline, the quiet window.</summary>
public sealed class VerificationVerdictTests
{
    private static readonly VerificationPolicy Policy = new() { Window = TimeSpan.FromSeconds(30), MaxErrorRate = 0.05, MinRequests = 20 };

    private static TrafficSample Traffic(long requests, long errors, double? p99 = 10) => new(requests, errors, p99);

    public static TheoryData<string, TrafficSample?, TrafficSample, VerificationPolicy, bool, string> Cases => new()
    {
        // name, baseline, window, policy, window over, expected verdict
        { "healthy traffic at the window's end passes", Traffic(500, 0), Traffic(400, 0), Policy, true, nameof(VerificationVerdict.Passed) },
        { "healthy traffic before the end is not judged yet", Traffic(500, 0), Traffic(400, 0), Policy, false, nameof(VerificationVerdict.Undecided) },
        { "every write failing fails at once, before the end", Traffic(500, 0), Traffic(40, 40), Policy, false, nameof(VerificationVerdict.Failed) },
        { "above the absolute limit fails even when the baseline was as bad", Traffic(500, 50), Traffic(100, 10), Policy, true, nameof(VerificationVerdict.Failed) },
        { "3% against a clean baseline breaks the relative rule (0% x 2 + 1%)", Traffic(500, 0), Traffic(100, 3), Policy, true, nameof(VerificationVerdict.Failed) },
        { "3% against a 2% baseline is within 2% x 2 + 1%", Traffic(500, 10), Traffic(100, 3), Policy, true, nameof(VerificationVerdict.Passed) },
        { "a baseline below minRequests is not compared with: 3% passes the absolute limit", Traffic(5, 0), Traffic(100, 3), Policy, true, nameof(VerificationVerdict.Passed) },
        { "no previous traffic at all: only absolute limits", null, Traffic(100, 3), Policy, true, nameof(VerificationVerdict.Passed) },
        { "too few requests at the end is a quiet pass, even all failing", Traffic(500, 0), Traffic(19, 19), Policy, true, nameof(VerificationVerdict.Quiet) },
        { "too few requests before the end waits", Traffic(500, 0), Traffic(19, 19), Policy, false, nameof(VerificationVerdict.Undecided) },
        { "p99 above baseline x 3 + 100 ms fails", Traffic(500, 0, p99: 20), Traffic(100, 0, p99: 200), Policy, true, nameof(VerificationVerdict.Failed) },
        { "p99 within baseline x 3 + 100 ms passes", Traffic(500, 0, p99: 20), Traffic(100, 0, p99: 150), Policy, true, nameof(VerificationVerdict.Passed) },
        { "p99 above the absolute maxP99 fails without a baseline", null, Traffic(100, 0, p99: 900), Policy with { MaxP99 = TimeSpan.FromMilliseconds(500) }, true, nameof(VerificationVerdict.Failed) },
        { "no answered requests means no p99 to judge", Traffic(500, 0, p99: 20), Traffic(100, 0, p99: null), Policy, true, nameof(VerificationVerdict.Passed) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Judges(string name, TrafficSample? baseline, TrafficSample window, VerificationPolicy policy, bool windowOver, string expected)
    {
        var verdict = VerificationVerdict.Judge(baseline, window, policy, windowOver);

        Assert.True(expected == verdict.GetType().Name, $"{name}: {verdict.Describe()}");
        Assert.Equal(expected is nameof(VerificationVerdict.Passed) or nameof(VerificationVerdict.Quiet), verdict.Passes);
        Assert.Equal(expected != nameof(VerificationVerdict.Undecided), verdict.Final);
    }

    [Fact]
    public void A_failure_names_the_numbers_and_the_rule()
    {
        var verdict = VerificationVerdict.Judge(Traffic(500, 1, p99: 12), Traffic(40, 40, p99: 30), Policy, windowOver: false);

        var text = Assert.IsType<VerificationVerdict.Failed>(verdict).Describe();
        Assert.Contains("error rate 100.0% is above the limit maxErrorRate 5.0%", text);
        Assert.Contains("40 of 40 requests failed (100.0%)", text);
        Assert.Contains("previous release before the switch: 1 of 500 requests failed (0.2%), p99 12 ms", text);
    }

    [Fact]
    public void A_quiet_window_says_so()
    {
        var verdict = VerificationVerdict.Judge(null, Traffic(3, 0), Policy, windowOver: true);

        Assert.Equal("quiet window: 3 request(s), fewer than the 20 needed to judge; passed unjudged", verdict.Describe());
    }

    [Fact]
    public void The_window_sample_is_the_difference_of_two_readings_without_abandoned_requests()
    {
        var start = new TrafficCountsView(Requests: 10, 0, 8, 0, 0, 2, 0, 0);
        var now = new TrafficCountsView(Requests: 70, 0, 30, 0, 5, 30, 3, 2);

        var sample = TrafficSample.Between(start, now, new LatencyView(60, 4, 25));

        Assert.Equal(new TrafficSample(58, 31, 25), sample);
    }

    [Fact]
    public void The_baseline_is_the_previous_release_over_the_edge_window()
    {
        var sample = TrafficSample.Of(new TrafficCountsView(100, 0, 90, 0, 5, 3, 1, 1), new LatencyView(95, 3, 17));

        Assert.Equal(new TrafficSample(99, 4, 17), sample);
    }

    [Theory]
    [InlineData("""{ "verification": { "maxP99": "0s" } }""", "verification.maxP99 must be positive")]
    [InlineData("""{ "verification": { "maxErrorRate": 5 } }""", "verification.maxErrorRate 5 must be between 0 and 1")]
    [InlineData("""{ "verification": { "minRequests": 0 } }""", "verification.minRequests must be at least 1")]
    public void Bad_thresholds_in_the_environment_file_are_refused_naming_the_fix(string json, string expected)
    {
        var config = EnvironmentConfigFile.Parse(json);

        var e = Assert.Throws<DeployException>(config.Validate);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_environment_file_sets_the_window_and_limits()
    {
        var config = EnvironmentConfigFile.Parse("""{ "verification": { "window": "20s", "maxErrorRate": 0.02, "maxP99": "750ms", "minRequests": 50 } }""");

        Assert.Equal(new VerificationPolicy { Window = TimeSpan.FromSeconds(20), MaxErrorRate = 0.02, MaxP99 = TimeSpan.FromMilliseconds(750), MinRequests = 50 }, config.Verification);
    }

    [Fact]
    public void The_recorded_configuration_holds_only_what_was_set()
    {
        var json = EnvironmentConfigFile.Serialize(new EnvironmentConfig { Verification = new VerificationPolicy { Window = TimeSpan.FromSeconds(20) } });

        Assert.Contains("\"window\":\"20s\"", json);
        Assert.DoesNotContain("windowOrOff", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TimeSpan.FromSeconds(20), EnvironmentConfigFile.Parse(json).Verification.Window);
    }

    [Fact]
    public void A_different_window_or_smoke_command_alone_is_no_change_to_redeploy()
    {
        var spec = Samples.Spec("1.0.0", "sha256:" + new string('a', 64));
        var config = spec.Config with { Verification = new VerificationPolicy { Window = TimeSpan.FromSeconds(30) }, Smoke = "dotnet test tests/Smoke" };
        var recorded = new RecordedRelease(spec with { Config = config }, Samples.Stamp());

        Assert.Null(NoChangeCheck.Difference(recorded, spec));
    }
}

public sealed class TrafficStatusTests
{
    [Fact]
    public void Status_shows_the_live_numbers_per_release_active_first()
    {
        var latency = new LatencyView(90, 3.2, 14.8);
        var metrics = new EdgeMetricsView(DateTimeOffset.UnixEpoch, 30,
        [
            new UpstreamMetricsView("http://notes-it-1.0.0-aa:8080", "1.0.0", false, 0, new TrafficCountsView(500, 0, 500, 0, 0, 0, 0, 0), new TrafficCountsView(0, 0, 0, 0, 0, 0, 0, 0), new LatencyView(0, null, null)),
            new UpstreamMetricsView("http://notes-it-2.0.0-bb:8080", "2.0.0", true, 1, new TrafficCountsView(120, 0, 100, 0, 10, 8, 2, 0), new TrafficCountsView(100, 0, 90, 0, 5, 4, 1, 0), latency),
        ]);

        Assert.Equal(
        [
            "traffic  http://notes-it-2.0.0-bb:8080 (2.0.0, active): last 30s 100 requests, 5 failed, p50/p99 3/15 ms; since the edge started 120 requests, 10 failed",
            "traffic  http://notes-it-1.0.0-aa:8080 (1.0.0): last 30s 0 requests, 0 failed; since the edge started 500 requests, 0 failed",
        ], TrafficStatus.Lines(metrics));
    }
}
