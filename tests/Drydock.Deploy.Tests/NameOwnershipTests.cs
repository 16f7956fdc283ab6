namespace Drydock.Deploy.Tests;

/// <summary>
/// Two environments whose older names are one: the second is refused before it adopts the first's resources (the joint
/// form gives them distinct names, but an environment that kept its older names can still meet one under them).
/// </summary>
public sealed class NameOwnershipTests
{
    private static readonly EnvironmentId Serving = new EnvironmentId("x", "eu-prod").WithLegacyNames();
    private static readonly EnvironmentId Colliding = new EnvironmentId("x-eu", "prod").WithLegacyNames();

    [Fact]
    public void In_the_older_form_x_eu_prod_and_x_eu_prod_share_engine_names()
    {
        Assert.Equal(Serving.DataVolume, Colliding.DataVolume);
        Assert.Equal(Serving.EdgeContainer, Colliding.EdgeContainer);
    }

    [Fact]
    public void A_resource_labelled_by_another_environment_is_refused_naming_its_owner_and_the_fix()
    {
        var volume = new NamedResource("volume", Serving.DataVolume, ReleaseLabels.Owner(Serving, "data"));
        var refusal = NameOwnership.Refusal(Colliding, [volume]);
        Assert.NotNull(refusal);
        Assert.Contains($"volume {Serving.DataVolume} belongs to x/eu-prod, not to x-eu/prod", refusal, StringComparison.Ordinal);
        Assert.Contains("--environment", refusal, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_own_resources_and_unlabelled_ones_from_older_drydock_are_adopted()
    {
        var own = new NamedResource("volume", Serving.DataVolume, ReleaseLabels.Owner(Serving, "data"));
        var legacy = new NamedResource("volume", Serving.StateVolume, new Dictionary<string, string>());
        Assert.Null(NameOwnership.Refusal(Serving, [own, legacy]));
    }

    [Fact]
    public void A_resource_with_only_one_owner_label_naming_another_environment_is_refused()
    {
        var half = new NamedResource("container", Serving.LockContainer, new Dictionary<string, string> { [ReleaseLabels.App] = "x" });
        Assert.NotNull(NameOwnership.Refusal(Colliding, [half]));
    }
}
