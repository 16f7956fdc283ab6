using Drydock.Acme;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Tests;

/// <summary>Which declared host route a request goes to: host name (port, case, trailing dot ignored), then the longest path prefix at a '/' boundary.</summary>
public sealed class HostMatcherTests
{
    private static readonly ServiceKey[] Routes =
    [
        new(DnsName.Parse("notes.example.org")),
        new(DnsName.Parse("notes.example.org"), "/api"),
        new(DnsName.Parse("notes.example.org"), "/api/v2/"),
        new(DnsName.Parse("shop.example.org"), "/shop"),
    ];

    [Theory]
    [InlineData("notes.example.org", "/", "notes.example.org")]
    [InlineData("Notes.Example.ORG:443", "/x", "notes.example.org")]
    [InlineData("notes.example.org.", "/x", "notes.example.org")]
    [InlineData("notes.example.org", "/api", "notes.example.org/api")]
    [InlineData("notes.example.org", "/api/notes", "notes.example.org/api")]
    [InlineData("notes.example.org", "/apix", "notes.example.org")]
    [InlineData("notes.example.org", "/api/v2", "notes.example.org/api/v2")]
    [InlineData("notes.example.org", "/api/v2/x", "notes.example.org/api/v2")]
    [InlineData("notes.example.org", "", "notes.example.org")]
    [InlineData("shop.example.org", "/shop/cart", "shop.example.org/shop")]
    [InlineData("shop.example.org", "/", null)] // the host is declared, but only below /shop
    [InlineData("www.notes.example.org", "/", null)] // no wildcard: a subdomain is another host
    [InlineData("other.example.org", "/", null)]
    [InlineData("", "/", null)]
    [InlineData(null, "/", null)]
    [InlineData("[::1]:8080", "/", null)]
    [InlineData("127.0.0.1:8080", "/", null)]
    public void Matches_by_host_then_longest_prefix(string? host, string path, string? expected) =>
        Assert.Equal(expected, HostMatcher.Match(Routes, host, path)?.ToString());

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/api/", "/api")]
    [InlineData(" /api ", "/api")]
    public void Prefixes_are_normalized(string? prefix, string expected) => Assert.Equal(expected, ServiceKey.NormalizePrefix(prefix));

    [Theory]
    [InlineData("api")]
    [InlineData("/a/../b")]
    [InlineData("/a?b")]
    [InlineData("/a~b")]
    public void A_prefix_that_is_not_a_path_is_refused_with_the_fix(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => ServiceKey.NormalizePrefix(prefix));
        Assert.Contains("write it like /api", error.Message);
    }

    [Theory]
    [InlineData("notes.example.org", null, "notes.example.org")]
    [InlineData("notes.example.org", "/api/v2", "notes.example.org~api~v2")]
    public void Each_route_has_its_own_state_directory(string host, string? prefix, string expected) =>
        Assert.Equal(expected, new ServiceKey(DnsName.Parse(host), prefix).DirectoryName);
}
