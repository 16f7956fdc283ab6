namespace Drydock.Docker;

/// <summary>
/// An image name split the way docker splits it: <c>[registry/]repository[:tag][@digest]</c>. The first path part is
/// a registry only when it looks like a host (has '.' or ':', or is 'localhost'); otherwise it is Docker Hub.
/// </summary>
public sealed record ImageReference(string? Registry, string Repository, string? Tag, string? Digest)
{
    public static ImageReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var rest = reference;
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }

        string? registry = null;
        var slash = rest.IndexOf('/');
        if (slash > 0)
        {
            var first = rest[..slash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost")
            {
                registry = first;
                rest = rest[(slash + 1)..];
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        if (rest.Length == 0)
            throw new FormatException($"'{reference}' names no repository.");
        return new ImageReference(registry, rest, tag, digest);
    }

    /// <summary>The same repository with another tag (and no digest).</summary>
    public ImageReference WithTag(string tag) => this with { Tag = tag, Digest = null };

    public override string ToString() =>
        (Registry is null ? string.Empty : Registry + "/") + Repository
        + (Tag is null ? string.Empty : ":" + Tag)
        + (Digest is null ? string.Empty : "@" + Digest);
}
