namespace Drydock.Docker.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("app", null, "app", null, null)]
    [InlineData("app:1", null, "app", "1", null)]
    [InlineData("drydock/runtime-deps:10.0-abc", null, "drydock/runtime-deps", "10.0-abc", null)]
    [InlineData("127.0.0.1:5000/notes/web:1.2", "127.0.0.1:5000", "notes/web", "1.2", null)]
    [InlineData("localhost/app", "localhost", "app", null, null)]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0", "mcr.microsoft.com", "dotnet/runtime-deps", "10.0", null)]
    [InlineData("ghcr.io/o/app@sha256:abc", "ghcr.io", "o/app", null, "sha256:abc")]
    [InlineData("127.0.0.1:5000/app:1@sha256:abc", "127.0.0.1:5000", "app", "1", "sha256:abc")]
    public void Parses_like_docker(string text, string? registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(new ImageReference(registry, repository, tag, digest), reference);
        Assert.Equal(text, reference.ToString());
    }

    [Fact]
    public void With_tag_replaces_tag_and_drops_digest() =>
        Assert.Equal("127.0.0.1:5000/app:2", ImageReference.Parse("127.0.0.1:5000/app:1@sha256:abc").WithTag("2").ToString());
}
