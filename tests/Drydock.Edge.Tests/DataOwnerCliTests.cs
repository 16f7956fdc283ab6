using Drydock.Edge.Cli;

namespace Drydock.Edge.Tests;

/// <summary>
/// The edge binary's one-shot data-volume helper as a process would see it: exit codes and output.
/// The ownership change itself needs root and a real volume: DataVolumeOwnershipTests (Drydock.Deploy.IntegrationTests).
/// </summary>
public sealed class DataOwnerCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rel3-data-owner-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = DataOwnerCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Only_its_own_verb_is_taken()
    {
        Assert.True(DataOwnerCli.IsRequested(["data-owner", "check", "/data"]));
        Assert.False(DataOwnerCli.IsRequested(["admin", "routes"]));
        Assert.False(DataOwnerCli.IsRequested([]));
    }

    [Fact]
    public void A_directory_its_user_owns_is_writable_throughout()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "sub"));
        File.WriteAllText(Path.Combine(_directory, "sub", "app.db"), "x");
        File.CreateSymbolicLink(Path.Combine(_directory, "link"), "/nonexistent"); // a link is never followed

        var (exit, output, _) = Run("check", _directory);

        Assert.Equal(DataOwnerCli.Done, exit);
        Assert.Contains("0 entries not writable", output);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "/no/such/dir")]
    [InlineData("fix", "{dir}")]
    [InlineData("fix", "{dir}", "0:0")] // root would gain nothing and lose the point
    [InlineData("fix", "{dir}", "1654")]
    [InlineData("fix", "{dir}", "app:app")]
    [InlineData("chmod", "{dir}")]
    public void A_bad_command_line_exits_2_with_the_usage_and_changes_nothing(params string[] args)
    {
        var (exit, output, error) = Run([.. args.Select(a => a.Replace("{dir}", _directory))]);
        Assert.Equal(DataOwnerCli.BadCommandLine, exit);
        Assert.Contains("usage: data-owner", error);
        Assert.Empty(output);
    }
}
