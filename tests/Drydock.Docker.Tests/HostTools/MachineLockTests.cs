namespace Drydock.Docker.Tests.HostTools;

/// <summary>The machine-wide lock, with real files and a real second process (util-linux flock) holding it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MachineLockTests
{
    private static string UniqueName() => $"ln-test-{Guid.NewGuid():N}";

    [Fact]
    public void A_held_lock_is_not_given_twice_and_is_free_again_once_released()
    {
        var name = UniqueName();
        using (var first = MachineLock.TryAcquire(name))
        {
            Assert.NotNull(first);
            Assert.Null(MachineLock.TryAcquire(name));
        }
        using var again = MachineLock.TryAcquire(name);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task Another_process_holding_it_makes_a_waiter_wait_and_its_exit_frees_it()
    {
        var name = UniqueName();
        var path = MachineLock.PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", ["--exclusive", path, "sh", "-c", "echo held; read line"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("held", await holder.StandardOutput.ReadLineAsync());

        Assert.Null(MachineLock.TryAcquire(name));
        var log = new RecordingBuildLog();
        var waiting = MachineLock.AcquireAsync(name, "the test resource", log);
        await holder.StandardInput.WriteLineAsync("go"); // the holder exits; the kernel drops its lock
        await holder.StandardInput.FlushAsync();
        using var acquired = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(path, acquired.Path);
        await holder.WaitForExitAsync();
        Assert.Equal(0, holder.ExitCode);
    }

    [Fact]
    public async Task A_waiter_says_once_what_it_waits_for_and_can_be_cancelled()
    {
        var name = UniqueName();
        using var held = MachineLock.TryAcquire(name)!;
        var log = new RecordingBuildLog();
        using var cancel = new CancellationTokenSource();

        var waiting = MachineLock.AcquireAsync(name, "the base image", log, cancel.Token);
        while (log.Lines.Count == 0)
            await Task.Delay(20);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal($"Waiting for the base image: another build on this machine holds {held.Path}", Assert.Single(log.Lines));
    }

    [Theory]
    [InlineData("registry-127.0.0.1:5000", "registry-127.0.0.1-5000.lock")]
    [InlineData("base-image", "base-image.lock")]
    public void Names_map_to_safe_file_names_in_one_directory_per_user(string name, string file)
    {
        Assert.Equal(Path.Combine(Path.GetTempPath(), $"{MachineLock.DirectoryName}-{CurrentUserId()}", file), MachineLock.PathOf(name));
    }

    [Fact]
    public void The_lock_directory_is_private_to_its_user()
    {
        using var held = MachineLock.TryAcquire(UniqueName())!;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(held.Path)!));
    }

    [Fact]
    public void A_lock_directory_another_user_owns_or_others_may_write_to_is_refused_with_the_fix()
    {
        var root = Directory.CreateTempSubdirectory("ln-locks-").FullName;
        try
        {
            var foreign = Directory.CreateDirectory(Path.Combine(root, "foreign")).FullName;
            Run("chown", "65534", foreign);
            var open = Directory.CreateDirectory(Path.Combine(root, "open")).FullName;
            File.SetUnixFileMode(open, (UnixFileMode)0b111_111_111);
            var link = Directory.CreateSymbolicLink(Path.Combine(root, "link"), open).FullName;

            foreach (var directory in new[] { foreign, open, link })
            {
                var error = Assert.Throws<InvalidOperationException>(() => MachineLock.EnsurePrivateDirectory(directory));
                Assert.Contains(directory, error.Message);
                Assert.Contains("remove it", error.Message);
            }
            Assert.Equal((UnixFileMode)0b111_111_111, File.GetUnixFileMode(open));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string CurrentUserId() => Run("id", "-u");

    private static string Run(string file, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [Fact]
    public void A_name_with_nothing_usable_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => MachineLock.PathOf("../.."));
        Assert.Contains("not a usable lock name", error.Message);
    }
}
