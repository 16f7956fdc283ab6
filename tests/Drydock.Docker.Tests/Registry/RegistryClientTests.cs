using System.Net;
using System.Security.Cryptography;
using System.Text;
using Drydock.Registry;

namespace Drydock.Docker.Tests;

public sealed class RegistryClientTests
{
    private const string Config = """{"architecture":"amd64","os":"linux","created":"2026-11-26T14:20:02.108013718Z","config":{"Labels":{"org.opencontainers.image.revision":"abc123","dev.drydock.app":"notes"}}}""";
    private static readonly string ConfigDigest = Digest(Config);
    private static readonly string Manifest =
        $$"""{"schemaVersion":2,"mediaType":"{{ManifestMediaTypes.DockerManifest}}","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":{{Config.Length}},"digest":"{{ConfigDigest}}"},"layers":[]}""";
    private static readonly string ManifestDigest = Digest(Manifest);

    [Fact]
    public async Task An_absent_tag_is_null()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Status(HttpStatusCode.NotFound));

        var tag = await Client(handler).GetTagAsync("notes/web", "1");

        Assert.Null(tag);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:5000/v2/notes/web/manifests/1", request.RequestUri!.ToString());
        Assert.Equal(ManifestMediaTypes.All, request.Headers.Accept.Select(a => a.MediaType));
    }

    [Fact]
    public async Task A_present_tag_has_the_registry_digest_and_the_config_labels()
    {
        var handler = new FakeHttpHandler(request => request.RequestUri!.AbsolutePath switch
        {
            "/v2/notes/web/manifests/1" => FakeHttpHandler.Json(Manifest, ManifestMediaTypes.DockerManifest, ManifestDigest),
            var path when path == $"/v2/notes/web/blobs/{ConfigDigest}" => FakeHttpHandler.Json(Config, "application/octet-stream"),
            _ => FakeHttpHandler.Status(HttpStatusCode.NotFound),
        });

        var tag = await Client(handler).GetTagAsync("notes/web", "1");

        Assert.NotNull(tag);
        Assert.Equal(ManifestDigest, tag.Digest);
        Assert.Equal(ManifestDigest, tag.ImageManifestDigest);
        Assert.Equal(ManifestMediaTypes.DockerManifest, tag.MediaType);
        Assert.Equal(ConfigDigest, tag.ConfigDigest);
        Assert.Equal("abc123", tag.Revision);
        Assert.Equal("notes", tag.Labels["dev.drydock.app"]);
        Assert.Equal(2026, tag.Created?.Year);
    }

    [Fact]
    public async Task Without_a_digest_header_the_digest_is_computed_from_the_manifest()
    {
        var handler = new FakeHttpHandler(request => request.RequestUri!.AbsolutePath.Contains("/manifests/")
            ? FakeHttpHandler.Json(Manifest, ManifestMediaTypes.DockerManifest)
            : FakeHttpHandler.Json(Config));

        Assert.Equal(ManifestDigest, (await Client(handler).GetTagAsync("notes/web", "1"))!.Digest);
    }

    [Fact]
    public async Task An_index_is_followed_to_its_linux_amd64_image()
    {
        var index = $$$"""
            {"schemaVersion":2,"mediaType":"{{{ManifestMediaTypes.OciIndex}}}","manifests":[
              {"mediaType":"{{{ManifestMediaTypes.OciManifest}}}","digest":"sha256:arm","platform":{"architecture":"arm64","os":"linux"}},
              {"mediaType":"{{{ManifestMediaTypes.OciManifest}}}","digest":"{{{ManifestDigest}}}","platform":{"architecture":"amd64","os":"linux"}}]}
            """;
        var handler = new FakeHttpHandler(request => request.RequestUri!.AbsolutePath switch
        {
            "/v2/notes/web/manifests/1" => FakeHttpHandler.Json(index, ManifestMediaTypes.OciIndex, "sha256:index"),
            var path when path == $"/v2/notes/web/manifests/{ManifestDigest}" => FakeHttpHandler.Json(Manifest.Replace(ManifestMediaTypes.DockerManifest, ManifestMediaTypes.OciManifest), ManifestMediaTypes.OciManifest, ManifestDigest),
            var path when path == $"/v2/notes/web/blobs/{ConfigDigest}" => FakeHttpHandler.Json(Config),
            _ => FakeHttpHandler.Status(HttpStatusCode.NotFound),
        });

        var tag = await Client(handler).GetTagAsync("notes/web", "1");

        Assert.NotNull(tag);
        Assert.Equal("sha256:index", tag.Digest);
        Assert.Equal(ManifestDigest, tag.ImageManifestDigest);
        Assert.Equal("abc123", tag.Revision);
    }

    [Fact]
    public async Task A_config_blob_that_does_not_match_its_digest_is_refused()
    {
        var handler = new FakeHttpHandler(request => request.RequestUri!.AbsolutePath.Contains("/manifests/")
            ? FakeHttpHandler.Json(Manifest, ManifestMediaTypes.DockerManifest, ManifestDigest)
            : FakeHttpHandler.Json(Config.Replace("abc123", "evil00")));

        await Assert.ThrowsAsync<RegistryException>(() => Client(handler).GetTagAsync("notes/web", "1"));
    }

    [Fact]
    public async Task Basic_challenge_is_answered_with_the_credentials()
    {
        var credentials = new RegistryCredentials("robot", "s3cret-pw");
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:s3cret-pw"));
        var handler = new FakeHttpHandler(request =>
            request.Headers.Authorization?.ToString() != expected
                ? FakeHttpHandler.Status(HttpStatusCode.Unauthorized, "Basic realm=\"drydock\"")
                : request.RequestUri!.AbsolutePath.Contains("/manifests/")
                    ? FakeHttpHandler.Json(Manifest, ManifestMediaTypes.DockerManifest, ManifestDigest)
                    : FakeHttpHandler.Json(Config));

        var tag = await Client(handler, credentials).GetTagAsync("notes/web", "1");

        Assert.Equal("abc123", tag!.Revision);
        // One challenge, then the cached header is sent straight away for the config blob.
        Assert.Equal([null, expected, expected], handler.Requests.Select(r => r.Headers.Authorization?.ToString()));
    }

    [Fact]
    public async Task Bearer_challenge_fetches_a_token_from_the_realm_with_service_and_scope()
    {
        var credentials = new RegistryCredentials("robot", "s3cret-pw");
        var handler = new FakeHttpHandler(request =>
        {
            var uri = request.RequestUri!;
            if (uri.Host == "auth.example")
            {
                Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:s3cret-pw")), request.Headers.Authorization?.ToString());
                Assert.Equal("?service=registry.example&scope=repository%3Anotes%2Fweb%3Apull%2Cpush", uri.Query);
                return FakeHttpHandler.Json("""{"token":"tok-123","expires_in":300}""");
            }
            if (request.Headers.Authorization?.ToString() != "Bearer tok-123")
                return FakeHttpHandler.Status(HttpStatusCode.Unauthorized,
                    "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:notes/web:pull,push\"");
            return uri.AbsolutePath.Contains("/manifests/")
                ? FakeHttpHandler.Json(Manifest, ManifestMediaTypes.DockerManifest, ManifestDigest)
                : FakeHttpHandler.Json(Config);
        });

        var tag = await new RegistryClient(new HttpClient(handler), "registry.example", credentials).GetTagAsync("notes/web", "1");

        Assert.Equal(ManifestDigest, tag!.Digest);
        Assert.Equal("https://registry.example/v2/notes/web/manifests/1", handler.Requests[0].RequestUri!.ToString());
        Assert.Single(handler.Requests, r => r.RequestUri!.Host == "auth.example");
    }

    [Fact]
    public async Task Anonymous_bearer_token_is_fetched_without_credentials()
    {
        var handler = new FakeHttpHandler(request =>
        {
            if (request.RequestUri!.Host == "auth.example")
            {
                Assert.Null(request.Headers.Authorization);
                return FakeHttpHandler.Json("""{"access_token":"anon"}""");
            }
            return request.Headers.Authorization?.ToString() == "Bearer anon"
                ? FakeHttpHandler.Status(HttpStatusCode.NotFound)
                : FakeHttpHandler.Status(HttpStatusCode.Unauthorized, "Bearer realm=\"https://auth.example/token\",service=\"r\"");
        });

        Assert.Null(await new RegistryClient(new HttpClient(handler), "registry.example").GetTagAsync("library/app", "1"));
        Assert.Contains("scope=repository%3Alibrary%2Fapp%3Apull", handler.Requests[1].RequestUri!.Query);
    }

    [Fact]
    public async Task Refused_or_missing_credentials_fail_without_revealing_the_password()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Status(HttpStatusCode.Unauthorized, "Basic realm=\"drydock\""));

        var missing = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => Client(handler).GetTagAsync("notes/web", "1"));
        var refused = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => Client(handler, new RegistryCredentials("robot", "s3cret-pw")).GetTagAsync("notes/web", "1"));

        Assert.Contains("none were given", missing.Message);
        Assert.Contains("robot", refused.Message);
        Assert.DoesNotContain("s3cret-pw", refused.Message);
        Assert.DoesNotContain("s3cret-pw", new RegistryCredentials("robot", "s3cret-pw").ToString());
    }

    [Fact]
    public async Task Other_errors_throw_with_the_status()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Status(HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<RegistryException>(() => Client(handler).GetTagAsync("notes/web", "1"));
        Assert.Contains("500", error.Message);
    }

    [Fact]
    public void Challenges_with_quoted_commas_parse()
    {
        var challenge = AuthenticationChallenge.Parse("Bearer", "realm=\"https://a/token\",service=\"reg\",scope=\"repository:x:pull,push\",error=insufficient_scope");

        Assert.Equal("https://a/token", challenge.Realm);
        Assert.Equal("reg", challenge.Service);
        Assert.Equal("repository:x:pull,push", challenge.Scope);
        Assert.Equal("insufficient_scope", challenge.Parameters["error"]);
    }

    [Theory]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("localhost:5000", "http://localhost:5000/")]
    [InlineData("ghcr.io", "https://ghcr.io/")]
    [InlineData("registry.example:5443", "https://registry.example:5443/")]
    [InlineData("http://10.0.0.5:5000", "http://10.0.0.5:5000/")]
    public void Loopback_registries_speak_http_and_others_https(string registry, string expected) =>
        Assert.Equal(expected, RegistryEndpoint.ToBaseUri(registry).ToString());

    private static RegistryClient Client(FakeHttpHandler handler, RegistryCredentials? credentials = null) =>
        new(new HttpClient(handler), "127.0.0.1:5000", credentials);

    private static string Digest(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
