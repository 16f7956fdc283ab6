using System.Reflection;
using System.Text.RegularExpressions;

namespace Notes;

/// <summary>
/// What <c>GET /version</c> reports: the SemVer the image was built from and the commit it came from.
/// </summary>
/// <remarks>
/// Both values come from the assembly informational version, stamped at build time. The build passes either
/// <c>-p:Version=1.2.3 -p:InformationalVersion=1.2.3+Sha.&lt;sha&gt;</c> (GitVersion style, any dotted metadata whose last
/// segment is the sha) or <c>-p:Version=1.2.3 -p:SourceRevisionId=&lt;sha&gt;</c> (the SDK then appends <c>+&lt;sha&gt;</c>,
/// or <c>.&lt;sha&gt;</c> when metadata is already there). The version is everything before the first <c>+</c>; the commit
/// is the last dot-separated metadata segment when it is a hex object id. Unstamped builds report the csproj default
/// <c>0.0.0-local</c> and, when no sha can be found, <c>unknown</c>. (The SDK fills SourceRevisionId from git on its own
/// when it builds inside a clone, so a local build usually still names its commit.)
/// </remarks>
internal sealed partial record VersionInfo(string Version, string Commit)
{
    public const string UnknownVersion = "0.0.0-local";
    public const string UnknownCommit = "unknown";

    public static VersionInfo Current { get; } = Parse(
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    public static VersionInfo Parse(string? informationalVersion)
    {
        if (string.IsNullOrWhiteSpace(informationalVersion))
            return new VersionInfo(UnknownVersion, UnknownCommit);

        var plus = informationalVersion.IndexOf('+');
        var version = (plus < 0 ? informationalVersion : informationalVersion[..plus]).Trim();
        var metadata = plus < 0 ? "" : informationalVersion[(plus + 1)..];
        var lastSegment = metadata[(metadata.LastIndexOf('.') + 1)..].Trim();

        return new VersionInfo(
            version.Length == 0 ? UnknownVersion : version,
            ObjectId().IsMatch(lastSegment) ? lastSegment.ToLowerInvariant() : UnknownCommit);
    }

    // An abbreviated or full git object id (SHA-1 or SHA-256).
    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex ObjectId();
}
