namespace Drydock.Docker.Tests;

/// <summary>A killed build's tunnel directory is removed by the next tunnel, and nothing else is.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StaleTunnelDirectoriesTests
{
    [Fact]
    public void Only_directories_whose_owner_is_gone_are_stale()
    {
        var alive = new HashSet<int> { 100 };
        var stale = StaleTunnelDirectories.Select(
            [new("/tmp/drydock-ssh-a", 100, Mine: true), new("/tmp/drydock-ssh-b", 200, Mine: true), new("/tmp/drydock-ssh-c", null, Mine: true)], alive.Contains);

        Assert.Equal(["/tmp/drydock-ssh-b"], stale);
    }

    [Fact]
    public void A_directory_that_is_not_this_users_own_is_never_stale_whatever_its_owner_file_says() =>
        Assert.Empty(StaleTunnelDirectories.Select([new("/tmp/drydock-ssh-other", 200, Mine: false)], _ => false));

    [Fact]
    public void Remove_keeps_another_users_directory_and_never_follows_a_symbolic_link()
    {
        var root = Directory.CreateTempSubdirectory("rem3-stale-").FullName;
        try
        {
            var others = Directory.CreateDirectory(Path.Combine(root, "drydock-ssh-others")).FullName;
            StaleTunnelDirectories.WriteOwner(others, 4_000_001);
            ChangeOwner(others, 65534); // nobody
            var target = Directory.CreateDirectory(Path.Combine(root, "precious")).FullName;
            StaleTunnelDirectories.WriteOwner(target, 4_000_001);
            File.WriteAllText(Path.Combine(target, "data"), "x");
            Directory.CreateSymbolicLink(Path.Combine(root, "drydock-ssh-link"), target);

            Assert.Equal(0, StaleTunnelDirectories.Remove(root, _ => false));

            Assert.True(Directory.Exists(others));
            Assert.True(File.Exists(Path.Combine(target, "data")));
            Assert.True(Directory.Exists(Path.Combine(root, "drydock-ssh-link")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_directory_others_may_write_to_is_not_treated_as_this_users_own()
    {
        var root = Directory.CreateTempSubdirectory("rem3-stale-").FullName;
        try
        {
            var open = Directory.CreateDirectory(Path.Combine(root, "drydock-ssh-open")).FullName;
            StaleTunnelDirectories.WriteOwner(open, 4_000_001);
            File.SetUnixFileMode(open, (UnixFileMode)0b111_111_111);

            Assert.Equal(0, StaleTunnelDirectories.Remove(root, _ => false));
            Assert.True(Directory.Exists(open));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void ChangeOwner(string path, int user)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [user.ToString(System.Globalization.CultureInfo.InvariantCulture), path])!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
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
            foreach (var directory in new[] { dead, live, unowned })
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
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
