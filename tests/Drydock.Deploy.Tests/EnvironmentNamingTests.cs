namespace Drydock.Deploy.Tests;

/// <summary>Which form an environment's names take, from the volumes its labels own.</summary>
public sealed class EnvironmentNamingTests
{
    private static readonly EnvironmentId EuProd = new("x", "eu-prod");

    [Fact]
    public void A_new_environment_takes_the_joint_form() =>
        Assert.False(EnvironmentNaming.Choose(EuProd, []).LegacyNames);

    [Fact]
    public void An_environment_whose_own_volumes_have_the_older_names_keeps_them() =>
        Assert.Equal(EuProd.WithLegacyNames().DataVolume, EnvironmentNaming.Choose(EuProd, [EuProd.WithLegacyNames().StateVolume]).DataVolume);

    [Fact]
    public void Once_any_own_volume_has_a_joint_name_the_joint_form_wins() =>
        Assert.False(EnvironmentNaming.Choose(EuProd, [EuProd.WithLegacyNames().DataVolume, EuProd.StateVolume]).LegacyNames);

    [Fact]
    public void A_pair_whose_forms_agree_is_never_moved()
    {
        var prod = new EnvironmentId("notes", "prod");
        Assert.Same(prod, EnvironmentNaming.Choose(prod, [prod.DataVolume]));
    }
}
