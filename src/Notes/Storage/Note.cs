namespace Notes.Storage;

/// <summary>A stored note, exactly as the API returns it.</summary>
internal sealed record Note(long Id, string Text, DateTimeOffset CreatedAt);
