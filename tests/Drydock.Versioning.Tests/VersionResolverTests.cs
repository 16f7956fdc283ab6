using Drydock.Versioning.Tests.Infrastructure;

namespace Drydock.Versioning.Tests;

/// <summary>The whole path a build target takes, on a real repository.</summary>
public sealed class VersionResolverTests : IDisposable
{
    private readonly TempGitRepository _repository = TempGitRepository.Create();
    private readonly IsolatedToolRunner _runner = new();

    public VersionResolverTests() => _repository.Git("tag", "v1.2.0");

    [Fact]
    public async Task A_dirty_tree_is_refused_before_git_version_runs()
    {
        _repository.Write("GitVersion.yml", "workflow: GitHubFlow/v1\n");

        var error = await Assert.ThrowsAsync<VersioningException>(() => new VersionResolver(_runner).ResolveAsync(_repository.Path, allowDirty: false));

        Assert.Contains("GitVersion.yml", error.Message);
        Assert.DoesNotContain(_runner.Commands, command => command.FileName != "git");
    }

    [Fact]
    public async Task An_allowed_dirty_tree_gives_tags_that_name_its_content()
    {
        _repository.Write("src/Program.cs", "// work in progress");

        var version = await new VersionResolver(_runner).ResolveAsync(_repository.Path, allowDirty: true);
        var tags = ImageTags.For("127.0.0.1:5000", "notes", version);

        Assert.Matches(@"^1\.2\.0-dirty\.[0-9a-f]{8}$", version.Version);
        Assert.Equal($"127.0.0.1:5000/notes:{version.Version}", tags.VersionReference);
        Assert.Equal($"127.0.0.1:5000/notes:sha-{version.Git.ShortSha}-dirty.{version.WorkingTree.ContentHash}", tags.CommitReference);
        Assert.Equal(TempGitRepository.CommitDateUtc, version.Created);
    }

    public void Dispose() => _repository.Dispose();
}
