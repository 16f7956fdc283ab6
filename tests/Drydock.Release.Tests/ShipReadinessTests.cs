using Drydock.Release;

namespace Drydock.Release.Tests;

public sealed class ShipReadinessTests
{
    [Fact]
    public void A_published_commit_ships_without_evaluating_its_runtime()
    {
        var evaluated = false;

        var refusal = ShipReadiness.Refusal(null, () => null, () => true, () => { evaluated = true; return "net6.0 is not carried"; });

        Assert.Null(refusal);
        Assert.False(evaluated);
    }

    [Fact]
    public void An_unpublished_commit_is_refused_by_its_runtime()
    {
        Assert.Equal("net6.0 is not carried", ShipReadiness.Refusal(null, () => null, () => false, () => "net6.0 is not carried"));
    }

    [Fact]
    public void A_settings_conflict_is_named_before_the_registry_is_asked()
    {
        var asked = false;

        var refusal = ShipReadiness.Refusal("--self-contained conflicts with --image-builder sdk", () => null, () => { asked = true; return false; }, () => null);

        Assert.Equal("--self-contained conflicts with --image-builder sdk", refusal);
        Assert.False(asked);
    }
}
