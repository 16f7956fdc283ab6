using Drydock.DotNet;

namespace Drydock.Build.Tests;

/// <summary>What the lanes learn from the last run's TRX files: each suite's start-to-finish time, or nothing.</summary>
public sealed class TrxDurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ln-trx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string content)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".trx");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void The_duration_is_from_start_to_finish_of_the_run()
    {
        var trx = Write("""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="1" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Times creation="2026-11-30T10:35:06.8385058+00:00" queuing="2026-11-30T10:35:06.8385058+00:00" start="2026-11-30T10:35:03.3790281+00:00" finish="2026-11-30T10:43:15.3790281+00:00" />
              <ResultSummary outcome="Completed"><Counters total="1" passed="1" failed="0" /></ResultSummary>
            </TestRun>
            """);

        Assert.Equal(TimeSpan.FromSeconds(492), TestResults.DurationOf(trx));
        var results = TestResults.FromTrx(trx);
        Assert.Equal((1, 0, 0), (results.Passed, results.Failed, results.Skipped));
        Assert.Empty(results.FailedTests);
    }

    [Fact]
    public void Failed_tests_are_named_from_every_file_of_the_run()
    {
        string Run(string outcome, string name) => Write($"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="1" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult executionId="a" testId="b" testName="Suite.Passes" computerName="ci" outcome="Passed" />
                <UnitTestResult executionId="c" testId="d" testName="{name}" computerName="ci" outcome="{outcome}">
                  <Output><ErrorInfo><Message>Assert.Empty() Failure
            second line</Message></ErrorInfo></Output>
                </UnitTestResult>
              </Results>
              <ResultSummary outcome="Failed"><Counters total="2" passed="1" failed="1" /></ResultSummary>
            </TestRun>
            """);

        var total = TestResults.FromTrx(Run("Failed", "Deploy.A_rollout_fails")) + TestResults.FromTrx(Run("Timeout", "Swarm.A_node_is_lost"));

        Assert.Equal(["Deploy.A_rollout_fails (Assert.Empty() Failure)", "Swarm.A_node_is_lost (Assert.Empty() Failure)"], total.FailedTests);
        Assert.Equal(2, total.Failed);
    }

    [Fact]
    public void A_missing_file_one_cut_short_or_one_without_times_is_never_measured()
    {
        Assert.Null(TestResults.DurationOf(Path.Combine(_directory, "absent.trx")));
        Assert.Null(TestResults.DurationOf(Write("""<?xml version="1.0"?><TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Times start="2026-11-30T10:35:03""")));
        Assert.Null(TestResults.DurationOf(Write("""<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Times creation="2026-11-30T10:35:06+00:00" /></TestRun>""")));
    }
}
