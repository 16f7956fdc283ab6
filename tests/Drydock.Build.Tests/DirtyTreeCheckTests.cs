using System.Diagnostics;
using Drydock.Engine;

namespace Drydock.Build.Tests;

/// <summary>
/// A release from a working tree with uncommitted changes is refused by the requirement check, before Restore,
/// Compile or Test run: the same message naming the fix, in seconds, with nothing built.
/// </summary>
public sealed class DirtyTreeCheckTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("drydock-dirty-").FullName;

    public DirtyTreeCheckTests()
    {
        Git("init", "-q");
        File.WriteAllText(Path.Combine(_root, "README.md"), "v1");
        Git("add", "-A");
        Git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "First");
        File.WriteAllText(Path.Combine(_root, "README.md"), "v2, not committed");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public sealed class DirtyBuild : ServiceBuild;

    [Theory]
    [InlineData("Publish")]
    [InlineData("PushImage")]
    [InlineData("Deploy", "--environment", "dev", "--new-environment", "--host-port", "19002")]
    public void A_dirty_tree_stops_the_release_chain_before_any_target_runs(string target, params string[] more)
    {
        var output = new StringWriter();

        var code = BuildHost.Run<DirtyBuild>([target, "--root", _root, "--project", "src/App/App.csproj", .. more], b => b.Publish, output);

        // InvalidInvocation is the requirement check's exit: the executor, and so Restore and Compile, never started.
        Assert.True(code == BuildHost.InvalidInvocation, output.ToString());
        Assert.Contains("The working tree has uncommitted changes", output.ToString());
        Assert.Contains("README.md", output.ToString());
        Assert.Contains("Commit or stash them, or pass --allow-dirty", output.ToString());
        Assert.DoesNotContain("Restore", output.ToString());
    }

    [Fact]
    public void Drydocks_own_Pack_is_refused_the_same_way()
    {
        var output = new StringWriter();

        var code = BuildHost.Run<global::Build>(["Pack", "--root", _root], b => b.Test, output);

        Assert.True(code == BuildHost.InvalidInvocation, output.ToString());
        Assert.Contains("The working tree has uncommitted changes", output.ToString());
    }

    [Fact]
    public void With_allow_dirty_the_check_passes_and_the_chain_starts()
    {
        var output = new StringWriter();

        var code = BuildHost.Run<DirtyBuild>(["Publish", "--root", _root, "--project", "src/App/App.csproj", "--allow-dirty"], b => b.Publish, output);

        // Restore is the first target; it fails here only because the test repository has no project.
        Assert.True(code == BuildHost.Failure, output.ToString());
        Assert.DoesNotContain("uncommitted changes", output.ToString());
        Assert.Contains("Restore", output.ToString());
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {git.StandardError.ReadToEnd()}");
    }
}
