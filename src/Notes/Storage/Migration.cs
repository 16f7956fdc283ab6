namespace Notes.Storage;

/// <summary>One forward-only, additive schema step, identified for ever by its version number.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
