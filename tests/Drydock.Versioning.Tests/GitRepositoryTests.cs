using Drydock.Versioning.Tests.Infrastructure;

namespace Drydock.Versioning.Tests;

/// <summary>The checks that run before GitVersion, so its stack traces and silent wrong answers never reach a user.</summary>
public sealed class GitRepositoryTests
{
    private readonly IsolatedToolRunner _runner = new();

    [Fact]
    public async Task A_shallow_clone_is_refused_with_the_ci_settings_that_fix_it()
    {
        using var origin = TempGitRepository.Create();
        origin.Git("tag", "v1.2.0");
        origin.Commit("Fix a");
        var clone = Directory.CreateTempSubdirectory("drydock-shallow-").FullName;
        try
        {
            TempGitRepository.Run(clone, "clone", "--quiet", "--depth", "1", "file://" + origin.Path, ".");

            var error = await Assert.ThrowsAsync<VersioningException>(() => GitRepository.OpenAsync(_runner, clone));

            Assert.Contains("shallow clone", error.Message);
            Assert.Contains("fetch-depth: 0", error.Message);
            Assert.Contains("GIT_DEPTH: 0", error.Message);
            Assert.Contains("git fetch --unshallow", error.Message);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    [Fact]
    public async Task A_directory_outside_any_repository_is_refused_clearly()
    {
        var directory = Directory.CreateTempSubdirectory("drydock-not-a-repo-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<VersioningException>(() => GitRepository.OpenAsync(_runner, directory));

            Assert.Contains("is not inside a git repository", error.Message);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public async Task A_repository_without_commits_is_refused_clearly()
    {
        using var repository = TempGitRepository.Empty();

        var error = await Assert.ThrowsAsync<VersioningException>(() => GitRepository.OpenAsync(_runner, repository.Path));

        Assert.Contains("has no commits yet", error.Message);
    }

    [Fact]
    public async Task A_missing_directory_is_refused_clearly()
    {
        var error = await Assert.ThrowsAsync<VersioningException>(
            () => GitRepository.OpenAsync(_runner, Path.Combine(Path.GetTempPath(), "drydock-does-not-exist-" + Guid.NewGuid())));

        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task A_subdirectory_opens_its_repository_and_reports_branch_or_detached_head()
    {
        using var repository = TempGitRepository.Create();
        repository.Write("src/app.txt", "app");

        var onBranch = await GitRepository.OpenAsync(_runner, Path.Combine(repository.Path, "src"));
        repository.Git("checkout", "--quiet", "--detach");
        var detached = await GitRepository.OpenAsync(_runner, repository.Path);

        Assert.Equal(Path.GetFullPath(repository.Path), onBranch.Root);
        Assert.Equal("main", onBranch.BranchName);
        Assert.Equal(repository.Git("rev-parse", "HEAD"), onBranch.HeadSha);
        Assert.True(detached.IsDetached);
    }
}
