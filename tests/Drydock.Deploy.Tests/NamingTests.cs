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
    public void An_environment_id_refuses_a_name_with_nothing_left()
    {
        Assert.Equal(EnvironmentId.DefaultName, new EnvironmentId("notes").Name);
        Assert.Throws<DeployException>(() => new EnvironmentId("notes", "+++"));
    }

    [Theory]
    [InlineData("Prod", "prod")]
    [InlineData("eu prod", "eu-prod")]
    [InlineData("-x", "x")]
    [InlineData("feature/x", "feature-x")]
    [InlineData("eu--prod", "eu-prod")]
    public void An_environment_name_that_is_not_its_canonical_spelling_is_refused_naming_it(string name, string canonical)
    {
        var error = Assert.Throws<DeployException>(() => new EnvironmentId("notes", name));
        Assert.Contains($"--environment {canonical}", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, EnvironmentId.NameProblem(name));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("eu-prod")]
    [InlineData("v1.2_blue")]
    public void A_canonical_environment_name_is_accepted(string name)
    {
        Assert.Null(EnvironmentId.NameProblem(name));
        Assert.Equal(name, new EnvironmentId("notes", name).Name);
    }

    [Theory]
    [InlineData("Notes", "notes")]
    [InlineData("my app", "my-app")]
    [InlineData("notes--eu", "notes-eu")]
    public void An_app_name_that_is_not_its_canonical_spelling_is_refused_naming_it(string app, string canonical)
    {
        var error = Assert.Throws<DeployException>(() => new EnvironmentId(app, "prod"));
        Assert.Contains($"--image-name {canonical}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_name_with_a_namespace_is_a_valid_app_name() =>
        Assert.Equal("drydock-lock-team--notes--prod", new EnvironmentId("team/notes", "prod").LockContainer);

    [Theory]
    [InlineData("x", "eu-prod", "x-eu", "prod")]
    [InlineData("team/notes", "prod", "team-notes", "prod")]
    [InlineData("team/notes", "prod", "team", "notes-prod")]
    [InlineData("a-b", "c", "a", "b-c")]
    [InlineData("notes", "prod", "notes-prod", "local")]
    public void Two_environments_never_share_an_engine_name(string app, string name, string otherApp, string otherName)
    {
        var (one, other) = (new EnvironmentId(app, name), new EnvironmentId(otherApp, otherName));
        Assert.Empty(Names(one).Intersect(Names(other)));
    }

    [Fact]
    public void A_pair_without_dashes_keeps_the_names_it_always_had()
    {
        var prod = new EnvironmentId("notes", "prod");
        Assert.False(prod.HasLegacyForm);
        Assert.Equal(Names(prod.WithLegacyNames()), Names(prod));
        Assert.Equal("drydock-notes-prod-data", prod.DataVolume);
    }

    [Fact]
    public void A_pair_with_a_dash_is_joined_by_two_and_its_older_names_stay_reachable()
    {
        var id = new EnvironmentId("x", "eu-prod");
        Assert.Equal("drydock-x--eu-prod-data", id.DataVolume);
        Assert.Equal("drydock-x-eu-prod-data", id.WithLegacyNames().DataVolume);
        Assert.Equal(id, id.WithLegacyNames());
    }

    private static IEnumerable<string> Names(EnvironmentId id) =>
        [id.LockContainer, id.StateHolder, id.WindowSignal, id.Network, id.EdgeContainer, .. id.Volumes, id.ReleaseContainer("1.0.0", "a1b2c3")];

    [Fact]
    public void Release_ids_are_six_hex_digits_and_differ()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => ReleaseNames.NewReleaseId()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{6}$", id));
        Assert.True(ids.Distinct().Count() > 15);
    }
}
