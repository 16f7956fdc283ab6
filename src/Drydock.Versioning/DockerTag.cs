using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Drydock.Versioning;

/// <summary>
/// Turns a version into a docker tag. Tags allow only [A-Za-z0-9_.-] (not starting with '.' or '-') and 128
/// characters. SemVer's only character outside that set is the build-metadata '+', mapped to '_'; SemVer never
/// contains '_', so the mapping is one-to-one ('1.2.3+build.5' gives '1.2.3_build.5', as Helm does for OCI charts).
/// A longer result (a long branch name in a pre-release label) is cut to 119 characters plus '-' and 8 hex digits of
/// the SHA-256 of the whole tag, so it stays distinct and the same version always gives the same tag.
/// </summary>
public static partial class DockerTag
{
    public const int MaxLength = 128;
    private const int HashLength = 8;

    public static string FromVersion(string version)
    {
        var tag = version.Replace('+', '_');
        if (!Grammar().IsMatch(tag))
            throw new VersioningException(
                $"Version '{version}' cannot be a docker tag: tags allow only letters, digits, '_', '.' and '-', and cannot start with '.' or '-'.");
        if (string.Equals(tag, "latest", StringComparison.OrdinalIgnoreCase))
            throw new VersioningException("'latest' is a moving tag; Drydock only pushes immutable version and commit tags.");
        return tag.Length <= MaxLength ? tag : Shorten(tag);
    }

    private static string Shorten(string tag)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tag)))[..HashLength];
        return tag[..(MaxLength - HashLength - 1)] + "-" + hash;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex Grammar();
}
