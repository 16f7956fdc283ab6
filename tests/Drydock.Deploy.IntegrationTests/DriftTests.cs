using Drydock.Engine.Tooling;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>Hand edits to a running release are reported as drift.</summary>
[Collection(DeployCollection.Name)]
public sealed class DriftTests(DeployFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_limit_changed_with_docker_update_is_configuration_drift()
    {
        await using var env = new TestEnvironment(fixture, output);
        var manager = env.Manager();
        var deployed = await manager.DeployAsync(env.Request(fixture.V1));
        Assert.False((await manager.CheckDriftAsync(env.Id)).HasDrift);

        await env.Docker.Runner.RunAsync(new ToolCommand("docker", "update", "--memory", "300m", "--memory-swap", "600m", "--restart", "no", deployed.Container));

        var report = await manager.CheckDriftAsync(env.Id);
        output.WriteLine(report.Describe());
        Assert.True(report.HasDrift);
        Assert.Contains(report.Findings, f => f.Kind == DriftKind.Configuration && f.What == "memory limit");
        Assert.Contains(report.Findings, f => f.Kind == DriftKind.Configuration && f.What == "restart policy" && f.Actual == "no");
    }

    [Fact]
    public async Task A_file_written_by_hand_into_a_writable_container_is_filesystem_drift()
    {
        await using var env = new TestEnvironment(fixture, output);
        var manager = env.Manager();
        // Only a container whose root is writable can be edited in place; the hardened default refuses even docker cp.
        var deployed = await manager.DeployAsync(env.Request(fixture.V1, env.Config with { ReadOnlyRootFilesystem = false }));
        var clean = await manager.CheckDriftAsync(env.Id);
        Assert.False(clean.HasDrift, clean.Describe());

        var file = Path.Combine(fixture.WorkDirectory, env.App + "-edit.txt");
        await File.WriteAllTextAsync(file, "patched by hand");
        await env.Docker.Runner.RunAsync(new ToolCommand("docker", "cp", file, $"{deployed.Container}:/app/hand-edit.txt"));

        var report = await manager.CheckDriftAsync(env.Id);
        output.WriteLine(report.Describe());
        Assert.Contains(report.Findings, f => f.Kind == DriftKind.Filesystem && f.What == "/app/hand-edit.txt");
        var status = await manager.StatusAsync(env.Id);
        Assert.True(status.Drift!.HasDrift);
    }

    [Fact]
    public async Task The_hardened_container_refuses_a_hand_copy_into_its_root()
    {
        await using var env = new TestEnvironment(fixture, output);
        var deployed = await env.Manager().DeployAsync(env.Request(fixture.V1));
        var file = Path.Combine(fixture.WorkDirectory, env.App + "-edit.txt");
        await File.WriteAllTextAsync(file, "patched by hand");

        var copy = await env.Docker.Runner.RunAsync(new ToolCommand("docker", "cp", file, $"{deployed.Container}:/app/hand-edit.txt") { ThrowOnError = false });

        Assert.NotEqual(0, copy.ExitCode);
        Assert.Contains("read-only", copy.Error);
        Assert.False((await env.Manager().CheckDriftAsync(env.Id)).HasDrift);
    }
}
