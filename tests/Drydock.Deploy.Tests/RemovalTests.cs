namespace Drydock.Deploy.Tests;

/// <summary>Remove as data: what goes and what stays from a listing, and when deleting data is refused.</summary>
public sealed class RemovalTests
{
    private static readonly EnvironmentId Preview = new("notes", "pr-42");

    private static ContainerState Container(string name, string role) =>
        new(name, name, "sha256:" + name, "image", ReleaseLabels.Owner(Preview, role));

    private static VolumeSummary Volume(string name, string role) => new(name, "local", ReleaseLabels.Owner(Preview, role));

    private static EnvironmentListing Listing() => new(
        [
            Container("notes-pr-42-1.0.0-a", "release"), Container("notes-pr-42-2.0.0-b", "release"), Container("notes-pr-42-3.0.0-c-candidate", "candidate"),
            Container(Preview.EdgeContainer, "edge"), Container(Preview.LockContainer, "lock"), Container(Preview.StateHolder, "state"),
            Container(Preview.WindowSignal, WindowSignal.Role), Container("notes-pr-42-1-0-0-a.1.xyz", ClusterNames.TaskRole),
        ],
        [],
        [Preview.Network],
        [Volume(Preview.DataVolume, "data"), Volume(Preview.StateVolume, "state"), Volume(Preview.EdgeStateVolume, "edge")]);

    [Fact]
    public void Removal_takes_releases_candidates_edge_signal_and_network_and_keeps_data_and_history()
    {
        var plan = RemovalPlan.Decide(Listing(), deleteData: false);

        string[] expected = ["notes-pr-42-1.0.0-a", "notes-pr-42-2.0.0-b", "notes-pr-42-3.0.0-c-candidate", Preview.EdgeContainer, Preview.WindowSignal, Preview.StateHolder];
        Assert.Equal(expected.Order(StringComparer.Ordinal), plan.Containers);
        Assert.DoesNotContain(Preview.LockContainer, plan.Containers);
        Assert.DoesNotContain("notes-pr-42-1-0-0-a.1.xyz", plan.Containers);
        Assert.Equal([Preview.Network], plan.Networks);
        Assert.Equal([Preview.EdgeStateVolume], plan.Volumes);
        Assert.Equal([Preview.DataVolume, Preview.StateVolume], plan.KeptVolumes);
        Assert.False(plan.NothingThere);
    }

    [Fact]
    public void Removal_with_data_deleted_takes_the_data_and_state_volumes_too()
    {
        var plan = RemovalPlan.Decide(Listing(), deleteData: true);

        Assert.Equal([Preview.EdgeStateVolume, Preview.DataVolume, Preview.StateVolume], plan.Volumes);
        Assert.Empty(plan.KeptVolumes);
    }

    [Fact]
    public void A_removed_environment_with_its_data_kept_has_nothing_to_remove_and_says_what_was_kept_and_how_to_delete_it()
    {
        var plan = RemovalPlan.Decide(new EnvironmentListing([Container(Preview.LockContainer, "lock")], [], [], [Volume(Preview.DataVolume, "data"), Volume(Preview.StateVolume, "state")]), deleteData: false);

        Assert.True(plan.NothingThere);
        var summary = plan.Describe(new RemoveRequest("notes") { Environment = "pr-42" });
        Assert.Contains("Nothing of notes/pr-42 was there to remove", summary);
        Assert.Contains($"{Preview.DataVolume}, {Preview.StateVolume}", summary);
        Assert.Contains("--delete-data --confirm notes-pr-42", summary);
    }

    [Fact]
    public void Swarm_services_are_removed_and_their_task_containers_go_with_them()
    {
        var listing = Listing() with { Services = [new SwarmService("s1", "notes-pr-42-2-0-0-b", "image"), new SwarmService("s2", Preview.EdgeContainer, "edge")] };

        var plan = RemovalPlan.Decide(listing, deleteData: false);

        Assert.Equal([Preview.EdgeContainer, "notes-pr-42-2-0-0-b"], plan.Services);
        Assert.DoesNotContain("notes-pr-42-1-0-0-a.1.xyz", plan.Containers);
    }

    [Theory]
    [InlineData(false, null, null)]
    [InlineData(true, "notes-pr-42", null)]
    [InlineData(true, null, "add --confirm notes-pr-42")]
    [InlineData(true, "", "add --confirm notes-pr-42")]
    [InlineData(true, "pr-42", "type --confirm notes-pr-42")]
    [InlineData(true, "notes-production", "type --confirm notes-pr-42")]
    public void Deleting_data_needs_the_environments_own_name_after_confirm(bool deleteData, string? confirm, string? refusedWith)
    {
        var refusal = RemovalConfirmation.Refusal(new RemoveRequest("notes") { Environment = "pr-42", DeleteData = deleteData, Confirm = confirm });

        if (refusedWith is null)
            Assert.Null(refusal);
        else
        {
            Assert.Contains(refusedWith, refusal);
            Assert.Contains("Nothing was changed", refusal);
        }
    }

    [Fact]
    public void Deleting_data_on_a_swarm_is_refused_with_the_reason_even_when_confirmed()
    {
        var refusal = RemovalConfirmation.Refusal(new RemoveRequest("notes")
        {
            Environment = "pr-42", DeleteData = true, Confirm = "notes-pr-42", Config = new EnvironmentConfig { Platform = DeployPlatform.Swarm },
        });

        Assert.Contains("each node", refusal);
        Assert.Contains("Nothing was changed", refusal);
    }
}
