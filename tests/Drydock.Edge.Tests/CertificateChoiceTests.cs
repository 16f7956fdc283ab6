using Drydock.Edge.Tls;

namespace Drydock.Edge.Tests;

/// <summary>Which certificate a TLS handshake gets from its SNI name: the host's own, or none (never another host's).</summary>
public sealed class CertificateChoiceTests
{
    private static readonly Dictionary<string, string> Installed = new(StringComparer.Ordinal)
    {
        ["notes.example.org"] = "notes",
        ["www.notes.example.org"] = "notes",
        ["api.example.org"] = "api",
    };

    [Theory]
    [InlineData("notes.example.org", "notes")]
    [InlineData("NOTES.example.org", "notes")]
    [InlineData("notes.example.org.", "notes")]
    [InlineData("www.notes.example.org", "notes")]
    [InlineData("api.example.org", "api")]
    [InlineData("x.api.example.org", null)] // no wildcard matching
    [InlineData("other.example.org", null)]
    [InlineData("", null)] // no SNI: no default certificate with some other host's name
    [InlineData(null, null)]
    public void Chooses_by_server_name(string? serverName, string? expected) =>
        Assert.Equal(expected, CertificateChoice.Choose(Installed, serverName));
}
