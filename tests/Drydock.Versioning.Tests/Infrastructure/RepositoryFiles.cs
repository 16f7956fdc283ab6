namespace Drydock.Versioning.Tests.Infrastructure;

/// <summary>Files of the Drydock repository itself, found by walking up from the test binaries.</summary>
public static class RepositoryFiles
{
    public static string GitVersionConfig { get; } = Find("GitVersion.yml");

    private static string Find(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, name);
            if (File.Exists(candidate))
                return candidate;
        }

        throw new FileNotFoundException($"No {name} above {AppContext.BaseDirectory}.");
    }
}
