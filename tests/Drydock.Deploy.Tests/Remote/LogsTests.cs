namespace Drydock.Deploy.Tests;

/// <summary>./build.sh Logs: whose logs, and JSON lines made readable, as data.</summary>
public sealed class LogsTests
{
    private static readonly EnvironmentId Prod = new("notes", "production");

    private static ContainerState Release(string name, string version, bool running, int startedHoursAgo) =>
        new(name, name, "sha256:" + name, "repo@sha256:x", new Dictionary<string, string> { [ReleaseLabels.Version] = version })
        {
            Running = running,
            StartedAt = DateTimeOffset.UtcNow.AddHours(-startedHoursAgo),
        };

    [Fact]
    public void The_running_release_the_edge_or_the_newest_of_a_retained_version()
    {
        IReadOnlyList<ContainerState> releases = [Release("v1-old", "1.0.0", false, 5), Release("v1", "1.0.0", false, 3), Release("v2", "2.0.0", true, 1)];

        Assert.Equal("v2", LogTarget.Choose(Prod, releases, null, edge: false));
        Assert.Equal("v1", LogTarget.Choose(Prod, releases, "1.0.0", edge: false));
        Assert.Equal(Prod.EdgeContainer, LogTarget.Choose(Prod, releases, null, edge: true));
    }

    [Fact]
    public void Nothing_to_show_names_what_is_retained()
    {
        var unknown = Assert.Throws<DeployException>(() => LogTarget.Choose(Prod, [Release("v1", "1.0.0", false, 1)], "9.9.9", edge: false));
        var stopped = Assert.Throws<DeployException>(() => LogTarget.Choose(Prod, [Release("v1", "1.0.0", false, 1)], null, edge: false));
        var never = Assert.Throws<DeployException>(() => LogTarget.Choose(Prod, [], null, edge: false));

        Assert.Contains("Retained: 1.0.0", unknown.Message);
        Assert.Contains("--release", stopped.Message);
        Assert.Contains("Deploy first", never.Message);
    }

    [Fact]
    public void A_json_console_line_is_shown_as_time_level_category_and_message()
    {
        const string line = """{"Timestamp":"2026-11-30T10:15:02.123Z","EventId":14,"LogLevel":"Warning","Category":"Microsoft.Hosting.Lifetime","Message":"Now listening on: http://[::]:8080","State":{}}""";

        Assert.EndsWith("WARN Lifetime: Now listening on: http://[::]:8080", ServiceLogLine.Format(line, raw: false));
        Assert.Equal(line, ServiceLogLine.Format(line, raw: true));
        Assert.Equal("plain text", ServiceLogLine.Format("plain text", raw: false));
        Assert.Equal("{not json", ServiceLogLine.Format("{not json", raw: false));
    }

    [Fact]
    public void Follow_and_since_are_docker_logs_options()
    {
        Assert.Equal(["logs", "--follow", "--tail", "0", "--since", "10m", "notes-v2"],
            new DockerLogsSettings("notes-v2") { Follow = true, Tail = 0, Since = "10m" }.ToArguments());
    }
}
