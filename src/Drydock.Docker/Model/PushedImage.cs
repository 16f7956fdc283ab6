namespace Drydock.Docker;

/// <summary>A reference as pushed, and the manifest digest the registry stored it under.</summary>
public sealed record PushedImage(string Reference, string Digest);
