namespace Drydock.Deploy.Tests;

public sealed class HistoryTests
{
    [Fact]
    public void Records_round_trip_as_json_lines_with_readable_enums()
    {
        var records = new[]
        {
            Samples.History("1.0.0", Samples.DigestA) with { DurationSeconds = 4.2, Container = "notes-local-1.0.0-a1b2c3" },
            Samples.History("2.0.0", Samples.DigestB, ReleaseOutcome.Failed) with { Message = "not healthy", SwapGapSeconds = null },
            Samples.History("1.0.0", Samples.DigestA, action: ReleaseAction.Rollback) with { SwapGapSeconds = 1.25, PreviousVersion = "2.0.0" },
        };

        var text = HistoryJson.Serialize(records);
        var lines = text.TrimEnd('\n').Split('\n');
        var back = HistoryJson.Parse(text, out var skipped);

        Assert.Equal(3, lines.Length);
        Assert.Contains("\"action\":\"rollback\"", lines[2]);
        Assert.Contains("\"outcome\":\"failed\"", lines[1]);
        Assert.DoesNotContain("swapGapSeconds", lines[1]);
        Assert.Equal(0, skipped);
        Assert.Equal(records.Select(r => r with { Config = null }), back.Select(r => r with { Config = null }));
        Assert.Equal(9000, back[0].Config!.HostPort);
    }

    [Fact]
    public void A_damaged_line_is_skipped_not_fatal()
    {
        var text = HistoryJson.Serialize(Samples.History("1.0.0", Samples.DigestA)) + "\n{\"at\":\"2025-06-01T1\n\n";
        var records = HistoryJson.Parse(text, out var skipped);
        Assert.Single(records);
        Assert.Equal(1, skipped);
    }

    [Fact]
    public void A_record_recreates_its_release()
    {
        var spec = Samples.History("2.0.0", Samples.DigestB).ToSpec();
        Assert.Equal($"127.0.0.1:5000/notes@{Samples.DigestB}", spec.ImageReference);
        Assert.Equal("c-2.0.0", spec.Commit);
        Assert.Equal(9000, spec.Config.HostPort);
    }

    [Fact]
    public void The_table_lists_every_step_in_order_with_failure_reasons()
    {
        var table = HistoryTable.Render(
        [
            Samples.History("1.0.0", Samples.DigestA) with { DurationSeconds = 3.14 },
            Samples.History("2.0.0", Samples.DigestB, ReleaseOutcome.Failed) with { Message = "2.0.0 did not become healthy\nlogs..." },
        ]);
        var lines = table.Split('\n');
        Assert.StartsWith("When (UTC)", lines[0]);
        Assert.Contains("deploy  succeeded  1.0.0    sha256:aaaaaaaaaaaa", lines[2]);
        Assert.Contains("3.1s", lines[2]);
        Assert.Contains("failed", lines[3]);
        Assert.Equal("    2.0.0 did not become healthy", lines[4]);
        Assert.Equal("No deploys recorded.", HistoryTable.Render([]));
    }
}
