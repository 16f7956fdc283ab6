using Drydock.Edge.Tls;

namespace Drydock.Edge.Tests;

/// <summary>The plain-HTTP redirect: only hosts with TLS, never the ACME challenge path, never HTTPS itself; path and query kept.</summary>
public sealed class HttpsRedirectTests
{
    [Theory]
    [InlineData(false, true, "notes.example.org", "/", null, 443, "https://notes.example.org/")]
    [InlineData(false, true, "notes.example.org:80", "/a/b", "?x=1&y=2", 443, "https://notes.example.org/a/b?x=1&y=2")]
    [InlineData(false, true, "Notes.Example.org:8080", "/a", null, 8443, "https://notes.example.org:8443/a")]
    [InlineData(false, true, "notes.example.org", "", null, 443, "https://notes.example.org/")]
    [InlineData(false, true, "notes.example.org", "/.well-known/acme-challenge/abc_123", null, 443, null)] // the CA validates over HTTP
    [InlineData(false, true, "notes.example.org", "/.well-known/acme-challenge/", null, 443, null)]
    [InlineData(false, true, "notes.example.org", "/.well-known/other", null, 443, "https://notes.example.org/.well-known/other")]
    [InlineData(true, true, "notes.example.org", "/", null, 443, null)] // already HTTPS
    [InlineData(false, false, "notes.example.org", "/", null, 443, null)] // the host has no TLS: served over HTTP
    [InlineData(false, true, "", "/", null, 443, null)] // no Host header: nowhere to send it
    public void Redirects_plain_http_for_hosts_with_tls(bool isHttps, bool hostHasTls, string host, string path, string? query, int port, string? expected) =>
        Assert.Equal(expected, HttpsRedirect.Location(isHttps, hostHasTls, host, path, query, port));
}
