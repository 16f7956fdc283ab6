namespace Drydock.Docker.Tests;

/// <summary>A killed build's tunnel directory is removed by the next tunnel, and nothing else is.</summary>
public sealed class StaleTunnelDirectoriesTests
{
    [Fact]
    public void Only_directories_whose_owner_is_gone_are_stale()
    {
        var alive = new HashSet<int> { 100 };
        var stale = StaleTunnelDirectories.Select(
            [("/tmp/drydock-ssh-a", 100), ("/tmp/drydock-ssh-b", 200), ("/tmp/drydock-ssh-c", null)], alive.Contains);

        Assert.Equal(["/tmp/drydock-ssh-b"], stale);
    }

    [Fact]
    public void Remove_deletes_a_dead_owners_directory_and_keeps_a_live_ones_and_an_unowned_one()
    {
        var root = Directory.CreateTempSubdirectory("rem3-stale-").FullName;
        try
        {
            var dead = Directory.CreateDirectory(Path.Combine(root, "drydock-ssh-dead")).FullName;
            var live = Directory.CreateDirectory(Path.Combine(root, "drydock-ssh-live")).FullName;
            var unowned = Directory.CreateDirectory(Path.Combine(root, "drydock-ssh-old")).FullName;
            StaleTunnelDirectories.WriteOwner(dead, 4_000_001);
            StaleTunnelDirectories.WriteOwner(live, Environment.ProcessId);
            File.WriteAllText(Path.Combine(dead, "ssh.log"), "x");

            Assert.Equal(1, StaleTunnelDirectories.Remove(root, pid => pid == Environment.ProcessId));

            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(live));
            Assert.True(Directory.Exists(unowned));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
