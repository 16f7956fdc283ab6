using Drydock.Versioning.Tests.Infrastructure;

namespace Drydock.Versioning.Tests;

public sealed class BuildVersionTests
{
    [Fact]
    public void A_clean_build_is_the_git_version_labelled_with_its_commit()
    {
        var version = Versions.Clean("1.2.1-4", "4");

        Assert.Equal("1.2.1-4", version.Version);
        Assert.Equal("sha-1a2b3c4", version.CommitTag);
        Assert.Equal("1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5", version.Revision);
        Assert.Equal("2025-01-31T07:15:00Z", version.Created);
        Assert.Equal("1.2.1-4+Sha.1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5", version.InformationalVersion);
        Assert.False(version.IsDirty);
    }

    [Fact]
    public void A_dirty_build_is_a_pre_release_below_the_version_it_was_made_from()
    {
        Assert.Equal("1.2.0-dirty.0badc0de", Versions.Dirty("1.2.0").Version);
        Assert.Equal("1.2.1-4.dirty.0badc0de", Versions.Dirty("1.2.1-4", "4").Version);
        Assert.Equal("1.2.0-dirty.0badc0de+Sha.1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5", Versions.Dirty("1.2.0").InformationalVersion);
    }
}
