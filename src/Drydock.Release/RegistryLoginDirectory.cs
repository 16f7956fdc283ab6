namespace Drydock.Release;

/// <summary>
/// Where <c>docker login</c> keeps a build's registry credentials: a docker config directory of the build's own
/// (<c>.nuke/temp/docker-config</c>), never the user's. It holds them only while the run needs them: the run removes it
/// when it ends (any outcome), and the next run removes one a killed run left before it logs in again.
/// </summary>
public static class RegistryLoginDirectory
{
    public static string For(string temporaryDirectory) => Path.Combine(temporaryDirectory, "docker-config");

    /// <returns>Whether there was one to remove.</returns>
    public static bool Remove(string temporaryDirectory)
    {
        var path = For(temporaryDirectory);
        if (!Directory.Exists(path))
            return false;
        Directory.Delete(path, recursive: true);
        return true;
    }
}
