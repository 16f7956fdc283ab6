namespace Notes.Storage;

/// <summary>The data directory or database cannot be used for writing, so the service must not start.</summary>
internal sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
