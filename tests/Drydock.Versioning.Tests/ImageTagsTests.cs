using Drydock.Versioning.Tests.Infrastructure;

namespace Drydock.Versioning.Tests;

public sealed class ImageTagsTests
{
    [Fact]
    public void A_clean_build_is_tagged_with_its_version_and_its_commit()
    {
        var tags = ImageTags.For("127.0.0.1:5000", "drydock.service", Versions.Clean("1.2.1-4", "4"));

        Assert.Equal("127.0.0.1:5000/drydock.service", tags.Repository);
        Assert.Equal("127.0.0.1:5000/drydock.service:1.2.1-4", tags.VersionReference);
        Assert.Equal("127.0.0.1:5000/drydock.service:sha-1a2b3c4", tags.CommitReference);
        Assert.Equal([tags.VersionReference, tags.CommitReference], tags.All);
    }

    [Fact]
    public void A_dirty_build_carries_the_content_hash_in_both_tags()
    {
        var release = ImageTags.For("localhost:5000", "notes", Versions.Dirty("1.2.0"));
        var preRelease = ImageTags.For("localhost:5000", "notes", Versions.Dirty("1.2.1-4", "4"));

        Assert.Equal("1.2.0-dirty.0badc0de", release.VersionTag);
        Assert.Equal("1.2.1-4.dirty.0badc0de", preRelease.VersionTag);
        Assert.Equal("sha-1a2b3c4-dirty.0badc0de", release.CommitTag);
    }

    [Fact]
    public void No_tag_is_latest()
    {
        var tags = ImageTags.For("localhost:5000", "notes", Versions.Clean("1.2.0"));

        Assert.DoesNotContain(tags.All, reference => reference.EndsWith(":latest", StringComparison.Ordinal));
        Assert.Throws<VersioningException>(() => DockerTag.FromVersion("latest"));
    }

    [Fact]
    public void A_registry_with_a_namespace_path_prefixes_the_name()
    {
        var tags = ImageTags.For("ghcr.io/acme/", "team/notes", Versions.Clean("1.2.0"));

        Assert.Equal("ghcr.io/acme/team/notes:1.2.0", tags.VersionReference);
    }

    [Fact]
    public void Build_metadata_plus_maps_to_underscore_one_to_one()
    {
        Assert.Equal("1.2.1-login-page.1_3", DockerTag.FromVersion("1.2.1-login-page.1+3"));
        // '-' stays '-': the two versions below stay two tags.
        Assert.NotEqual(DockerTag.FromVersion("1.2.3-a+b"), DockerTag.FromVersion("1.2.3-a-b"));
    }

    [Fact]
    public void A_version_too_long_for_a_tag_is_shortened_deterministically_and_stays_distinct()
    {
        var label = new string('x', 140);
        var first = DockerTag.FromVersion($"1.2.1-{label}.1");
        var second = DockerTag.FromVersion($"1.2.1-{label}.2");

        Assert.Equal(DockerTag.MaxLength, first.Length);
        Assert.Equal(first, DockerTag.FromVersion($"1.2.1-{label}.1"));
        Assert.NotEqual(first, second);
        Assert.Matches("^1\\.2\\.1-x+-[0-9a-f]{8}$", first);
    }

    [Theory]
    [InlineData("1.2.3 beta")]
    [InlineData("-1.2.3")]
    [InlineData("1.2.3/x")]
    public void A_version_with_characters_a_tag_cannot_hold_is_refused(string version) =>
        Assert.Throws<VersioningException>(() => DockerTag.FromVersion(version));
}
