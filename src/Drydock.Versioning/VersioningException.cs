namespace Drydock.Versioning;

/// <summary>
/// The version or the tags cannot be computed. The message always says what to change, because it is
/// what a developer or a CI log shows and nobody should need to read Drydock's source to act on it.
/// </summary>
public sealed class VersioningException(string message) : Exception(message);
