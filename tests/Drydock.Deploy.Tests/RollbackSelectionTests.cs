namespace Drydock.Deploy.Tests;

public sealed class RollbackSelectionTests
{
    private static readonly RecordedRelease V1 = Samples.Recorded("1.0.0", Samples.DigestA, Samples.Noon.AddHours(-3));
    private static readonly RecordedRelease V2 = Samples.Recorded("2.0.0", Samples.DigestB, Samples.Noon.AddHours(-2));
    private static readonly RecordedRelease V3 = Samples.Recorded("3.0.0", Samples.DigestC, Samples.Noon.AddHours(-1));

    private static readonly IReadOnlyList<HistoryRecord> History =
    [
        Samples.History("1.0.0", Samples.DigestA),
        Samples.History("2.0.0", Samples.DigestB),
        Samples.History("4.0.0", Samples.DigestC, ReleaseOutcome.Failed),
        Samples.History("3.0.0", Samples.DigestC),
    ];

    [Fact]
    public void Previous_is_the_last_successful_release_of_another_version_preferring_its_retained_container()
    {
        var choice = RollbackTargetSelector.Choose("local", null, V3, [V1, V2], History, [], false);

        var target = Assert.IsType<RollbackChoice.Target>(choice);
        Assert.Equal("2.0.0", target.Spec.Version);
        Assert.Equal(RollbackSource.RetainedContainer, target.Source);
    }

    [Fact]
    public void Failed_deploys_are_never_rollback_targets()
    {
        var history = new[] { Samples.History("1.0.0", Samples.DigestA), Samples.History("2.0.0", Samples.DigestB, ReleaseOutcome.Failed) };
        var choice = RollbackTargetSelector.Choose("local", null, V1, [], history, [], false);
        Assert.IsType<RollbackChoice.Nothing>(choice);
    }

    [Fact]
    public void Without_a_retained_container_the_history_record_recreates_the_release()
    {
        var target = Assert.IsType<RollbackChoice.Target>(RollbackTargetSelector.Choose("local", null, V3, [], History, [], false));
        Assert.Equal(RollbackSource.History, target.Source);
        Assert.Equal(Samples.DigestB, target.Spec.Digest);
        Assert.Equal("c-2.0.0", target.Spec.Commit);
        Assert.Equal(9000, target.Spec.Config.HostPort);
    }

    [Fact]
    public void After_a_rollback_the_previous_one_is_the_release_it_replaced()
    {
        var history = History.Append(Samples.History("2.0.0", Samples.DigestB, action: ReleaseAction.Rollback)).ToList();
        var target = Assert.IsType<RollbackChoice.Target>(RollbackTargetSelector.Choose("local", null, V2, [V1, V3], history, [], false));
        Assert.Equal("3.0.0", target.Spec.Version);
    }

    [Fact]
    public void One_release_means_nothing_to_roll_back_to()
    {
        var nothing = Assert.IsType<RollbackChoice.Nothing>(RollbackTargetSelector.Choose("local", null, V1, [], [Samples.History("1.0.0", Samples.DigestA)], ["1.0.0", "2.0.0"], true));
        Assert.Contains("Only 1.0.0 has been deployed to local", nothing.Message);
    }

    [Fact]
    public void Nothing_deployed_means_nothing_to_roll_back_to() =>
        Assert.IsType<RollbackChoice.Nothing>(RollbackTargetSelector.Choose("local", null, null, [], [], ["1.0.0"], true));

    [Fact]
    public void Without_history_retained_containers_still_say_what_ran_before()
    {
        var target = Assert.IsType<RollbackChoice.Target>(RollbackTargetSelector.Choose("local", null, V3, [V1, V2], [], [], false));
        Assert.Equal("2.0.0", target.Spec.Version);
    }

    [Fact]
    public void A_requested_version_comes_from_a_retained_container_then_history_then_registry()
    {
        Assert.Equal(RollbackSource.RetainedContainer, Assert.IsType<RollbackChoice.Target>(RollbackTargetSelector.Choose("local", "1.0.0", V3, [V1], History, [], true)).Source);
        Assert.Equal(RollbackSource.History, Assert.IsType<RollbackChoice.Target>(RollbackTargetSelector.Choose("local", "1.0.0", V3, [], History, [], true)).Source);
        Assert.Equal("0.9.0", Assert.IsType<RollbackChoice.FromRegistry>(RollbackTargetSelector.Choose("local", "0.9.0", V3, [], History, ["0.9.0", "sha-abc"], true)).Version);
    }

    [Fact]
    public void A_version_known_nowhere_is_refused_listing_what_is_known()
    {
        var unknown = Assert.IsType<RollbackChoice.Unknown>(RollbackTargetSelector.Choose("local", "9.9.9", V3, [V1], History, ["0.9.0", "sha-abc"], true));
        Assert.Contains("0.9.0, 1.0.0, 2.0.0, 3.0.0", unknown.Message);
        Assert.DoesNotContain("sha-abc", unknown.Message);
    }

    [Fact]
    public void The_serving_version_is_not_a_rollback() =>
        Assert.IsType<RollbackChoice.Nothing>(RollbackTargetSelector.Choose("local", "3.0.0", V3, [V1], History, [], false));

    [Theory]
    [InlineData("1.0.0", "1.0.1", -1)]
    [InlineData("1.10.0", "1.9.0", 1)]
    [InlineData("1.0.0-beta.2", "1.0.0", -1)]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.10", -1)]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1", -1)]
    [InlineData("1.0.0-rc.1", "1.0.0-beta.5", 1)]
    [InlineData("2.0.0+build.1", "2.0.0", 0)]
    [InlineData("sha-abc", "1.0.0", -1)]
    public void Versions_order_by_semver_precedence(string a, string b, int expected) =>
        Assert.Equal(expected, SemanticVersion.Compare(a, b));
}
