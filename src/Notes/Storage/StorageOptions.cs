namespace Notes.Storage;

/// <summary>Where the service keeps its data: the directory named by <c>DATA_DIR</c>, the container's volume.</summary>
internal sealed class StorageOptions
{
    public const string DataDirectoryVariable = "DATA_DIR";
    public const string DefaultDataDirectory = "/data";
    public const string DatabaseFileName = "notes.db";

    public string DataDirectory { get; set; } = DefaultDataDirectory;

    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);
}
