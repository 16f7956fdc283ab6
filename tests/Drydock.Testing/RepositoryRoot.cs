namespace Drydock.Testing;

/// <summary>The checkout the tests run from, found by walking up to global.json (works in any clone location).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Temp(params string[] parts) => System.IO.Path.Combine([Path, ".nuke", "temp", .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "global.json")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No global.json above {AppContext.BaseDirectory}; cannot find the repository root.");
    }
}
