using System.Xml.Linq;
using Drydock.DotNet;

namespace Drydock.Release.Tests;

public sealed class SdkImageBuilderTests
{
    [Fact]
    public void Labels_are_msbuild_items_escaped_with_the_sdks_own_generated_labels_off_and_the_apphost_as_command()
    {
        var items = XDocument.Parse(SdkImageBuilder.ContainerItems(
            new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.2.1-4", ["dev.drydock.odd"] = "50%;$(x)@'*?" }, "Notes"));

        var labels = items.Descendants("ContainerLabel").ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Value")!.Value);
        Assert.Equal("1.2.1-4", labels["org.opencontainers.image.version"]);
        Assert.Equal("50%25%3B%24(x)%40%27%2A%3F", labels["dev.drydock.odd"]);
        // The SDK applies ContainerLabel items only with generation on; the clock-based created label must stay off.
        Assert.Equal("true", items.Descendants("ContainerGenerateLabels").Single().Value);
        Assert.Equal("false", items.Descendants("ContainerGenerateLabelsImageCreated").Single().Value);
        Assert.Equal("/app/Notes", items.Descendants("ContainerAppCommand").Single().Attribute("Include")!.Value);
    }

    [Fact]
    public void Only_loopback_registries_are_declared_insecure() =>
        Assert.Equal(
            (Environment.GetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES") is { Length: > 0 } existing ? existing + ";" : "") + "127.0.0.1:5000",
            SdkImageBuilder.InsecureRegistries("127.0.0.1:5000"));

    [Fact]
    public void The_sdk_builder_gets_framework_dependent_publish_the_base_the_tags_and_the_user()
    {
        var arguments = new PublishContainerSettings("src/Notes/Notes.csproj", "Release", "out", "1.2.1-4", "1.2.1-4+Sha.abc",
            "127.0.0.1:5000/drydock/aspnet:10.0.12-abc", "127.0.0.1:5000", "notes", ["1.2.1-4", "sha-abc1234"], "/tmp/labels.targets").Arguments().ToArray();

        Assert.Contains("-t:PublishContainer", arguments);
        Assert.Equal("false", arguments[Array.IndexOf(arguments, "--self-contained") + 1]);
        Assert.Contains("-p:ContainerBaseImage=127.0.0.1:5000/drydock/aspnet:10.0.12-abc", arguments);
        Assert.Contains("-p:ContainerImageTags=\"1.2.1-4;sha-abc1234\"", arguments);
        Assert.Contains("-p:ContainerUser=1654", arguments);
        Assert.Contains("-p:CustomAfterMicrosoftCommonTargets=/tmp/labels.targets", arguments);
    }
}

public sealed class ReleaseSettingsTests
{
    [Fact]
    public void The_sdk_builder_and_self_contained_are_refused_together_naming_both()
    {
        var conflict = new ReleaseSettings("/repo", "src/Notes/Notes.csproj") { ImageBuilder = ImageBuilderKind.Sdk, SelfContained = true }.Conflict;

        Assert.NotNull(conflict);
        Assert.Contains("--image-builder sdk", conflict);
        Assert.Contains("--self-contained", conflict);
        Assert.Null(new ReleaseSettings("/repo", "src/Notes/Notes.csproj") { ImageBuilder = ImageBuilderKind.Sdk }.Conflict);
        Assert.Null(new ReleaseSettings("/repo", "src/Notes/Notes.csproj") { SelfContained = true }.Conflict);
    }
}
