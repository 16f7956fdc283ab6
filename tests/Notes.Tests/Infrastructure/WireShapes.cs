namespace Notes.Tests.Infrastructure;

/// <summary>The wire shapes, read back the way a client would.</summary>
public sealed record NoteDto(long Id, string Text, DateTimeOffset CreatedAt);

public sealed record VersionDto(string Version, string Commit);
