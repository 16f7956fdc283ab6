using System.Text.RegularExpressions;

namespace Drydock.Versioning;

/// <summary>
/// Where images are pushed: 'host[:port]', optionally with a namespace path ('127.0.0.1:5000', 'ghcr.io/acme').
/// No scheme: docker decides http or https itself.
/// </summary>
public sealed partial record RegistryAddress
{
    private RegistryAddress(string value) => Value = value;

    public string Value { get; }

    public static RegistryAddress Parse(string registry)
    {
        var trimmed = registry.Trim().TrimEnd('/');
        if (trimmed.Length == 0)
            throw new VersioningException("The registry is empty. Pass --registry, e.g. '127.0.0.1:5000'.");
        if (trimmed.Contains("://", StringComparison.Ordinal))
            throw new VersioningException(
                $"Registry '{registry}' has a scheme. Give only host[:port] (and an optional namespace path), e.g. '{trimmed[(trimmed.IndexOf("://", StringComparison.Ordinal) + 3)..]}'.");
        if (!Grammar().IsMatch(trimmed))
            throw new VersioningException(
                $"Registry '{registry}' is not a valid registry address: expected host[:port] with an optional lowercase namespace path, "
                + "e.g. '127.0.0.1:5000', 'localhost:5000' or 'ghcr.io/acme'.");
        return new RegistryAddress(trimmed);
    }

    public override string ToString() => Value;

    // host: DNS labels or an IPv4 address, or a bracketed IPv6 address; then an optional port and path.
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Grammar();
}
