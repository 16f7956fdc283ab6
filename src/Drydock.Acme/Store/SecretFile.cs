namespace Drydock.Acme;

/// <summary>
/// Files that hold keys: created mode 600 (owner only) on Unix from the first byte, written as every state file is
/// (<see cref="DurableFile"/>), so a crash leaves no half-written key.
/// </summary>
internal static class SecretFile
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void WriteAtomically(string path, string content)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        DurableFile.WriteText(path, content, OwnerReadWrite);
    }

    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
    }
}
