namespace Drydock.Deploy.Tests;

/// <summary>When a deploy looks at the data volume's ownership before the new release starts, as data.</summary>
public sealed class DataVolumeOwnershipTests
{
    [Theory]
    [InlineData("1654", true, new string[0], false)] // a new volume: Docker seeds it from the image, ownership included
    [InlineData("1654", false, new[] { "1654" }, false)] // every release that wrote it ran as this user
    [InlineData("1654:1654", false, new[] { "1654", "1654:0" }, false)]
    [InlineData("1654", false, new[] { "" }, true)] // an older image that ran as root (no USER)
    [InlineData("1654", false, new[] { "0" }, true)]
    [InlineData("1654", false, new[] { "1654", "root" }, true)] // a named user may be anyone
    [InlineData("1654", false, new string[0], true)] // the volume exists but no release mounts it: unknown past
    [InlineData("", false, new string[0], false)] // a release running as root can write anything
    [InlineData("0:0", false, new[] { "1654" }, false)]
    [InlineData("app", false, new string[0], true)] // a name: the repair says it cannot tell, and how to fix it by hand
    [InlineData("app", false, new[] { "app" }, false)]
    public void The_volume_is_looked_at_only_when_someone_else_may_have_written_it(string user, bool createdNow, string[] releaseUsers, bool expected) =>
        Assert.Equal(expected, DataVolumeOwnership.NeedsCheck(user, createdNow, releaseUsers));

    [Theory]
    [InlineData("1654", 1654u, 1654u)]
    [InlineData("1654:100", 1654u, 100u)]
    [InlineData(" 1000 ", 1000u, 1000u)]
    [InlineData("", 0u, 0u)]
    public void The_owner_is_the_users_number_and_its_group(string user, uint uid, uint gid) =>
        Assert.Equal((uid, gid), DataVolumeOwnership.Owner(user));

    [Fact]
    public void A_named_user_has_no_number() => Assert.Null(DataVolumeOwnership.Owner("app"));

    [Fact]
    public void The_manual_fix_names_the_volume_and_the_owner() =>
        Assert.Equal("docker run --rm -v drydock-notes-prod-data:/data busybox chown -R 1654:1654 /data", DataVolumeRepair.FixCommand("drydock-notes-prod-data", (1654, 1654)));
}
