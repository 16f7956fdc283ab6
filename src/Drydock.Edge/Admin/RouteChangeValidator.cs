using Drydock.Edge.Contract;

namespace Drydock.Edge.Admin;

/// <summary>
/// Checks a <c>PUT /routes</c> body completely before anything changes, and names every problem at once, by member, for
/// a 400 validation problem. The upstream must be an <c>http://host:port</c> origin: the private network carries plain
/// HTTP, and a path, query, user name or another scheme would mean something the forwarder does not do.
/// </summary>
public static class RouteChangeValidator
{
    public const int MaxVersionLength = 128;
    public const int MaxHealthPathLength = 512;

    public static IReadOnlyDictionary<string, string[]> Validate(RouteChange? change, out ValidatedRouteChange? valid)
    {
        valid = null;
        var problems = new Dictionary<string, string[]>();
        if (change is null)
        {
            problems[""] = ["The body must be a JSON object with 'upstream' and 'version'."];
            return problems;
        }

        var upstream = UpstreamProblem(change.Upstream, out var address);
        if (upstream is not null)
            problems["upstream"] = [upstream];
        if (VersionProblem(change.Version) is { } version)
            problems["version"] = [version];
        if (change.HealthPath is { } path && HealthPathProblem(path) is { } health)
            problems["healthPath"] = [health];
        if (change.ExpectedGeneration is < 0)
            problems["expectedGeneration"] = ["Must be 0 or more."];

        if (problems.Count == 0)
            valid = new ValidatedRouteChange(address!, change.Version, change.HealthPath, change.ExpectedGeneration);
        return problems;
    }

    internal static string? UpstreamProblem(string? text, out Uri? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
            return "Required: the release's address on the private network, e.g. http://notes-production-1.2.3-a1b2c3:8080.";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            return $"'{text}' is not an absolute URL.";
        if (uri.Scheme != Uri.UriSchemeHttp)
            return $"'{text}': only http upstreams are forwarded to (the private network carries plain HTTP).";
        if (uri.UserInfo.Length > 0)
            return $"'{text}': credentials in the address are not supported.";
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return $"'{text}': give scheme, host and port only; requests keep their own path.";
        if (uri.Host.Length == 0)
            return $"'{text}' names no host.";
        address = new Uri(uri.GetLeftPart(UriPartial.Authority));
        return null;
    }

    internal static string? VersionProblem(string? version) =>
        string.IsNullOrWhiteSpace(version) ? "Required: the release's version, e.g. 1.2.3."
        : version.Length > MaxVersionLength ? $"At most {MaxVersionLength} characters."
        : version.Any(char.IsControl) || version != version.Trim() ? "No control characters or surrounding spaces."
        : null;

    internal static string? HealthPathProblem(string path) =>
        !path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) ? $"'{path}' must be a path starting with a single '/', e.g. /health/ready."
        : path.Length > MaxHealthPathLength ? $"At most {MaxHealthPathLength} characters."
        : path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '#') ? $"'{path}' holds spaces, control characters or '#'."
        : null;
}
