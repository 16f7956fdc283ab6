namespace Drydock.Versioning.Tests;

public sealed class ImageNameTests
{
    [Theory]
    [InlineData("notes")]
    [InlineData("drydock.service")]
    [InlineData("team/my-service")]
    [InlineData("my__svc")]
    [InlineData("a--b")]
    public void Lowercase_names_in_the_distribution_grammar_are_accepted(string name) =>
        Assert.Equal(name, ImageName.Parse(name).Value);

    [Fact]
    public void The_default_name_is_the_project_file_name_lower_cased() =>
        Assert.Equal("drydock.service", ImageName.FromProjectFile("src/Drydock.Service/Drydock.Service.csproj").Value);

    [Theory]
    [InlineData("Drydock.Service", "drydock.service")]
    [InlineData("My App", "my-app")]
    [InlineData("notes.", "notes")]
    [InlineData("-notes", "notes")]
    [InlineData("a..b", "a.b")]
    public void An_invalid_name_is_refused_with_a_valid_suggestion(string name, string suggestion)
    {
        var error = Assert.Throws<VersioningException>(() => ImageName.Parse(name));

        Assert.Contains($"Try '{suggestion}'", error.Message);
        Assert.Equal(suggestion, ImageName.Parse(suggestion).Value);
    }

    [Fact]
    public void A_project_whose_name_is_not_a_valid_image_name_gets_the_suggestion_too()
    {
        var error = Assert.Throws<VersioningException>(() => ImageName.FromProjectFile("src/My Service/My Service.csproj"));

        Assert.Contains("Try 'my-service' (--image-name)", error.Message);
    }

    [Theory]
    [InlineData("localhost:5000/notes")]
    [InlineData("notes:1.2.0")]
    [InlineData("notes@sha256:abc")]
    public void A_name_with_a_registry_port_tag_or_digest_is_refused_with_why(string name)
    {
        var error = Assert.Throws<VersioningException>(() => ImageName.Parse(name));

        Assert.Contains("--registry", error.Message);
        Assert.Contains("Drydock computes the immutable tags itself", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_name_is_refused(string name) =>
        Assert.Contains("--image-name", Assert.Throws<VersioningException>(() => ImageName.Parse(name)).Message);
}
