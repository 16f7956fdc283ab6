using Drydock.Registry;

namespace Drydock.Release.Tests;

public class PushDecisionTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private const string Other = "fedcba9876543210fedcba9876543210fedcba98";

    private static RegistryTag Tag(string? revision) => new("notes", "1.2.0", "sha256:aaa", "application/vnd.docker.distribution.manifest.v2+json", "sha256:cfg",
        revision is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["org.opencontainers.image.revision"] = revision });

    [Fact]
    public void An_absent_tag_is_pushed()
    {
        var decision = PushDecision.For("r/notes:1.2.0", null, Commit);
        Assert.Equal(PushAction.Push, decision.Action);
        Assert.Null(decision.ExistingDigest);
    }

    [Fact]
    public void A_tag_holding_this_commit_is_reused_with_its_digest()
    {
        var decision = PushDecision.For("r/notes:1.2.0", Tag(Commit.ToUpperInvariant()), Commit);
        Assert.Equal(PushAction.AlreadyPublished, decision.Action);
        Assert.Equal("sha256:aaa", decision.ExistingDigest);
        Assert.Contains("already published", decision.Explanation);
    }

    [Fact]
    public void A_tag_holding_another_commit_is_refused_naming_the_tag_both_commits_and_the_fix()
    {
        var decision = PushDecision.For("r/notes:1.2.0", Tag(Other), Commit);
        Assert.Equal(PushAction.Refuse, decision.Action);
        Assert.Contains("r/notes:1.2.0", decision.Explanation);
        Assert.Contains(Other[..12], decision.Explanation);
        Assert.Contains(Commit[..12], decision.Explanation);
        Assert.Contains("immutable", decision.Explanation);
        Assert.Contains("new commit", decision.Explanation);
    }

    [Fact]
    public void A_tag_without_a_revision_label_is_refused_too()
    {
        var decision = PushDecision.For("r/notes:1.2.0", Tag(null), Commit);
        Assert.Equal(PushAction.Refuse, decision.Action);
        Assert.Contains("no org.opencontainers.image.revision label", decision.Explanation);
    }

    [Fact]
    public void The_image_manifest_round_trips_and_names_the_image_by_digest()
    {
        var path = Path.Combine(Path.GetTempPath(), $"drydock-image-{Guid.NewGuid():N}", "image.json");
        try
        {
            var image = new PublishedImage("notes", "127.0.0.1:5000/notes", ["1.2.0", "sha-0123456"], "sha256:abc", "1.2.0", Commit, "2026-11-26T10:00:00Z");
            image.Write(path);
            var read = PublishedImage.Read(path);
            Assert.Equal(image.Tags, read.Tags);
            Assert.Equal(image with { Tags = read.Tags }, read);
            Assert.Equal("127.0.0.1:5000/notes@sha256:abc", read.Reference);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void A_missing_image_manifest_says_which_target_makes_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => PublishedImage.Read("/nonexistent/image.json"));
        Assert.Contains("./build.sh PushImage", error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/notes", "127.0.0.1:5000", "notes")]
    [InlineData("ghcr.io/team/notes", "ghcr.io", "team/notes")]
    public void A_repository_splits_into_registry_host_and_path(string repository, string host, string path) =>
        Assert.Equal((host, path), ReleaseChain.SplitRepository(repository));

    private static RegistryTag TagOf(string project) => Tag(Commit) with
    {
        Labels = new Dictionary<string, string> { ["org.opencontainers.image.revision"] = Commit, [ImageLabels.Project] = project },
    };

    /// <summary>Two projects of one commit never share a tag: the second must not reuse the first's image.</summary>
    [Fact]
    public void A_tag_of_this_commit_built_from_another_project_is_refused_naming_both_and_the_fix()
    {
        var decision = PushDecision.For("r/relx:1.2.0", TagOf("src/Drydock.Engine/Drydock.Engine.csproj"), Commit, "src/Notes/Notes.csproj");

        Assert.Equal(PushAction.Refuse, decision.Action);
        Assert.Contains("src/Drydock.Engine/Drydock.Engine.csproj", decision.Explanation);
        Assert.Contains("src/Notes/Notes.csproj", decision.Explanation);
        Assert.Contains("--image-name", decision.Explanation);
    }

    [Fact]
    public void A_tag_of_this_commit_and_project_is_reused_and_an_unlabelled_one_counts_as_the_same_project()
    {
        Assert.Equal(PushAction.AlreadyPublished, PushDecision.For("r/notes:1.2.0", TagOf("src/Notes/Notes.csproj"), Commit, "src/Notes/Notes.csproj").Action);
        Assert.Equal(PushAction.AlreadyPublished, PushDecision.For("r/notes:1.2.0", Tag(Commit), Commit, "src/Notes/Notes.csproj").Action);
    }
}
