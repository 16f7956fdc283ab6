namespace Drydock.Deploy.Tests;

public sealed class RetentionTests
{
    private static ContainerState Release(string version, int hoursAgo, bool running = false, string? imageId = null)
    {
        var container = Samples.Container(Samples.Spec(version, "sha256:" + new string(version[0], 64)), Samples.Stamp(releaseId: version.Replace(".", ""), at: Samples.Noon.AddHours(-hoursAgo)), running: running);
        return container with { ImageId = imageId ?? "sha256:img-" + version };
    }

    [Fact]
    public void Keeps_the_newest_replaced_releases_and_never_the_serving_one()
    {
        var serving = Release("6.0.0", 0, running: true);
        var releases = new[] { Release("1.0.0", 50), Release("5.0.0", 10), Release("3.0.0", 30), serving, Release("4.0.0", 20), Release("2.0.0", 40) };

        var decision = RetentionPolicy.Decide(releases, serving.Name, keepReleases: 2);

        Assert.Equal(["5.0.0", "4.0.0"], decision.Keep.Select(c => c.Labels[ReleaseLabels.Version]));
        Assert.Equal(["3.0.0", "2.0.0", "1.0.0"], decision.Remove.Select(c => c.Labels[ReleaseLabels.Version]));
        Assert.DoesNotContain(serving, decision.Remove);
    }

    [Fact]
    public void Images_are_removed_only_when_no_remaining_container_uses_them()
    {
        var serving = Release("3.0.0", 0, running: true, imageId: "sha256:shared");
        var releases = new[] { serving, Release("2.0.0", 10), Release("1.0.0", 20, imageId: "sha256:shared"), Release("0.9.0", 30) };

        var decision = RetentionPolicy.Decide(releases, serving.Name, keepReleases: 1);

        Assert.Equal(["1.0.0", "0.9.0"], decision.Remove.Select(c => c.Labels[ReleaseLabels.Version]));
        Assert.Equal([Samples.Spec("0.9.0", "sha256:" + new string('0', 64)).ImageReference], decision.ImagesToRemove);
    }

    [Fact]
    public void Keep_zero_prunes_every_replaced_release() =>
        Assert.Equal(2, RetentionPolicy.Decide([Release("2.0.0", 0, running: true), Release("1.0.0", 1), Release("0.1.0", 2)], null, 0).Remove.Count);
}
