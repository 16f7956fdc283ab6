namespace Notes.Tests.Infrastructure;

/// <summary>A fresh DATA_DIR for one test, removed afterwards whatever the test turned it into.</summary>
public sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "notes-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "notes.db");

    public void Dispose()
    {
        if (File.Exists(Path))
            File.Delete(Path);
        else if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
