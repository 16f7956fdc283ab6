namespace Drydock.Docker;

/// <summary>A build context made reproducible: an image layer records file times, so equal files must have equal times.</summary>
public static class PublishOutput
{
    /// <summary>The time every file and folder of a release's context gets: an unchanged app then gives an unchanged layer.</summary>
    public static readonly DateTime FileTime = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Sets the write time of every file and folder under <paramref name="directory"/> (itself included).</summary>
    public static void SetFileTimes(string directory, DateTime time)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, time);
        // Deepest first: setting a folder's time after its children were touched keeps it.
        foreach (var folder in Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            Directory.SetLastWriteTimeUtc(folder, time);
        Directory.SetLastWriteTimeUtc(directory, time);
    }
}
