using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy.Tests;

/// <summary>The history in the environment's state volume, through docker cp on the fake engine.</summary>
public sealed class VolumeHistoryTests
{
    private static readonly EnvironmentId Local = new("notes", "local");
    private readonly FakeDockerEngine _engine = new();
    private readonly RecordingBuildLog _log = new();

    private VolumeReleaseHistory History() => new(new EnvironmentContainers(new DockerCli(_engine) { Masker = new SecretMasker() }), _log);

    private static HistoryRecord Record(string version, int minute) =>
        Samples.History(version, Samples.DigestA) with { At = Samples.Noon.AddMinutes(minute), ReleaseId = "r" + version.Replace(".", "", StringComparison.Ordinal) };

    private async Task<FakeContainer> HolderAsync()
    {
        await History().EnsureHolderAsync(Local, CancellationToken.None);
        return _engine.Containers[Local.StateHolder];
    }

    [Fact]
    public async Task An_append_writes_one_new_record_file_and_never_rewrites_what_is_there()
    {
        var holder = await HolderAsync();
        var legacy = HistoryJson.Serialize([Record("1.0.0", 0)]);
        holder.Files["/state/history.jsonl"] = legacy;
        await History().AppendAsync(Local, Record("2.0.0", 1), CancellationToken.None);
        _engine.Commands.Clear();

        await History().AppendAsync(Local, Record("3.0.0", 2), CancellationToken.None);

        var copies = _engine.Commands.Where(c => c[0] == "cp").ToList();
        var copy = Assert.Single(copies);
        Assert.Equal($"{Local.StateHolder}:/state", copy[^1]);
        Assert.Equal(legacy, holder.Files["/state/history.jsonl"]);
        var records = holder.Files.Keys.Where(k => k.StartsWith("/state/records/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, records.Count);
        Assert.Matches(@"^/state/records/\d{19}-r300-[0-9a-f]{8}\.json$", records[1]);
        Assert.Equal("3.0.0", Assert.Single(HistoryJson.Parse(holder.Files[records[1]], out _)).Version);
    }

    [Fact]
    public async Task Reading_merges_the_legacy_file_with_every_record_file_in_one_docker_call()
    {
        var holder = await HolderAsync();
        holder.Files["/state/history.jsonl"] = HistoryJson.Serialize([Record("1.0.0", 0), Record("2.0.0", 1)]);
        for (var i = 3; i <= 12; i++)
            await History().AppendAsync(Local, Record($"{i}.0.0", i), CancellationToken.None);
        _engine.Commands.Clear();

        var read = await History().ReadAsync(Local, CancellationToken.None);

        Assert.Equal(["1.0.0", "2.0.0", .. Enumerable.Range(3, 10).Select(i => $"{i}.0.0")], read.Select(r => r.Version));
        Assert.Single(_engine.Commands);
        Assert.Equal(["cp", $"{Local.StateHolder}:/state/.", _engine.Commands[0][^1]], _engine.Commands[0]);
    }

    [Fact]
    public async Task A_cut_short_record_file_costs_that_record_alone()
    {
        var holder = await HolderAsync();
        await History().AppendAsync(Local, Record("1.0.0", 0), CancellationToken.None);
        holder.Files["/state/records/0638845200000000000-r200-00000000.json"] = "{\"at\":\"2025-06-01T12:0";
        await History().AppendAsync(Local, Record("3.0.0", 2), CancellationToken.None);

        var read = await History().ReadAsync(Local, CancellationToken.None);

        Assert.Equal(["1.0.0", "3.0.0"], read.Select(r => r.Version));
        Assert.Contains("Skipped 1 damaged", _log.Text);
    }

    [Fact]
    public async Task A_read_that_fails_mid_copy_is_an_error_not_an_empty_history()
    {
        var holder = await HolderAsync();
        holder.Files["/state/history.jsonl"] = HistoryJson.Serialize([Record("1.0.0", 0)]);
        _engine.Intercept = a => a[0] == "cp"
            ? new ToolResult(1, [], ["error during connect: command [ssh -- docker system dial-stdio] has exited with exit status 255: ssh: connect to host deploy.example port 22: No such file or directory"])
            : null;

        var error = await Assert.ThrowsAsync<DeployException>(() => History().ReadAsync(Local, CancellationToken.None));

        Assert.Contains("Could not read the history", error.Message);
        Assert.Contains("exit status 255", error.Message);
    }

    [Fact]
    public async Task An_engine_that_cannot_be_reached_fails_the_read()
    {
        _engine.Intercept = a => a[0] is "cp" or "container"
            ? new ToolResult(255, [], ["Cannot connect to the Docker daemon at ssh://deploy.example. Is the docker daemon running?"])
            : null;

        await Assert.ThrowsAnyAsync<Exception>(() => History().ReadAsync(Local, CancellationToken.None));
    }

    [Fact]
    public async Task An_environment_never_deployed_has_an_empty_history() =>
        Assert.Empty(await History().ReadAsync(Local, CancellationToken.None));

    [Fact]
    public async Task An_environment_with_only_a_legacy_file_keeps_its_history()
    {
        var holder = await HolderAsync();
        holder.Files["/state/history.jsonl"] = HistoryJson.Serialize([Record("1.0.0", 0), Record("2.0.0", 1)]);

        Assert.Equal(["1.0.0", "2.0.0"], (await History().ReadAsync(Local, CancellationToken.None)).Select(r => r.Version));
    }
}
