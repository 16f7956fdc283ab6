namespace Drydock.Deploy.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData("notes", "notes")]
    [InlineData("My App", "my-app")]
    [InlineData("1.2.3+sha.abc", "1.2.3-sha.abc")]
    [InlineData("--weird//name__", "weird-name")]
    [InlineData("feature/x:y", "feature-x-y")]
    public void Sanitize_keeps_to_dockers_name_charset(string text, string expected) =>
        Assert.Equal(expected, ReleaseNames.Sanitize(text));

    [Fact]
    public void Sanitize_refuses_a_name_with_nothing_left() =>
        Assert.Throws<DeployException>(() => ReleaseNames.Sanitize("+++"));

    [Fact]
    public void Names_carry_app_environment_and_version()
    {
        var staging = new EnvironmentId("notes", "staging");
        Assert.Equal("notes-staging-1.2.3-beta.1-a1b2c3", staging.ReleaseContainer("1.2.3-beta.1", "a1b2c3"));
        Assert.Equal("notes-staging-1.2.3-a1b2c3-candidate", staging.Candidate("1.2.3", "a1b2c3"));
        Assert.Equal("drydock-lock-notes-staging", staging.LockContainer);
        Assert.Equal("drydock-state-notes-staging", staging.StateHolder);
        Assert.Equal("drydock-notes-staging-data", staging.DataVolume);
        Assert.Equal("drydock-notes-staging-state", staging.StateVolume);
        Assert.Equal("drydock-notes-staging", staging.Network);
        Assert.Equal("drydock-edge-notes-staging", staging.EdgeContainer);
        Assert.Equal("drydock-edge-notes-staging-state", staging.EdgeStateVolume);
    }

    [Fact]
    public void An_environment_id_sanitises_once_and_refuses_a_name_with_nothing_left()
    {
        Assert.Equal("drydock-lock-my-app-feature-x", new EnvironmentId("My App", "feature/x").LockContainer);
        Assert.Equal(EnvironmentId.DefaultName, new EnvironmentId("notes").Name);
        Assert.Throws<DeployException>(() => new EnvironmentId("notes", "+++"));
    }

    [Fact]
    public void Release_ids_are_six_hex_digits_and_differ()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => ReleaseNames.NewReleaseId()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{6}$", id));
        Assert.True(ids.Distinct().Count() > 15);
    }
}
