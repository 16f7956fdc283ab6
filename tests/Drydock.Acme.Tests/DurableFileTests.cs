namespace Drydock.Acme.Tests;

/// <summary>The one writer of the edge's state files: the old content or the new, never half, and nothing left beside it.</summary>
public sealed class DurableFileTests : IDisposable
{
    private readonly string _root = RepositoryRoot.Temp($"acme-unit-durable-{Guid.NewGuid():N}");

    [Fact]
    public void Content_is_replaced_whole_and_no_temporary_file_is_left_beside_it()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "routes.json");
        File.WriteAllText(path, "old");

        DurableFile.WriteText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["routes.json"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_that_fails_keeps_the_old_content_and_leaves_no_temporary_file()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "host.json");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<InvalidOperationException>(() => DurableFile.Write(path, stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal("disk full", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["host.json"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_created_with_a_mode_has_it_from_the_start()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "key.pem");

        DurableFile.WriteText(path, "secret", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Flushing_a_directory_that_is_not_there_is_an_error_naming_it()
    {
        var missing = Path.Combine(_root, "missing");

        var error = Assert.Throws<IOException>(() => DurableFile.SyncDirectory(missing));

        Assert.Contains(missing, error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
