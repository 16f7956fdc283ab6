using Drydock.Versioning.Tests.Infrastructure;

namespace Drydock.Versioning.Tests;

/// <summary>The real gitversion.dll on real repositories, with the repository's GitVersion.yml. About half a second per run.</summary>
public sealed class GitVersionRunnerTests : IDisposable
{
    private readonly TempGitRepository _repository = TempGitRepository.Create();
    private readonly IsolatedToolRunner _runner = new();

    [Fact]
    public async Task A_tagged_commit_is_exactly_the_tag_version()
    {
        _repository.Git("tag", "v1.2.0");

        var version = await VersionAsync();

        Assert.Equal("1.2.0", version.SemVer);
        Assert.Equal("1.2.0", version.FullSemVer);
        Assert.Equal((1, 2, 0), (version.Major, version.Minor, version.Patch));
        Assert.Equal(string.Empty, version.PreReleaseTag);
        Assert.False(version.IsPreRelease);
        Assert.Equal("main", version.BranchName);
        Assert.Equal(_repository.Git("rev-parse", "HEAD"), version.Sha);
        Assert.Equal(_repository.Git("rev-parse", "--short=7", "HEAD"), version.ShortSha);
        Assert.Equal(TempGitRepository.CommitDateUtc, version.CommitDateUtc);
        Assert.Equal(0, version.CommitsSinceVersionSource);
        Assert.Equal("1.2.0.0", version.AssemblySemVer);
    }

    [Fact]
    public async Task Commits_on_main_after_a_release_are_numbered_pre_releases_of_the_next_patch()
    {
        _repository.Git("tag", "v1.2.0");
        _repository.Commit("Fix a");
        _repository.Commit("Fix b");

        var version = await VersionAsync();

        Assert.Equal("1.2.1-2", version.SemVer);
        Assert.Equal(2, version.CommitsSinceVersionSource);
        Assert.Equal("2", version.PreReleaseTag);
    }

    [Fact]
    public async Task A_semver_minor_message_raises_the_minor_version()
    {
        _repository.Git("tag", "v1.2.0");
        _repository.Commit("Add search +semver: minor");

        Assert.Equal("1.3.0-1", (await VersionAsync()).SemVer);
    }

    [Fact]
    public async Task A_feature_branch_gets_its_name_as_pre_release_label_and_each_commit_its_own_version()
    {
        _repository.Git("tag", "v1.2.0");
        _repository.Git("switch", "--quiet", "--create", "feature/login-page");
        _repository.Commit("Login page", "login.txt");

        var first = await VersionAsync();
        _repository.Commit("Login page, styled", "login.txt");
        var second = await VersionAsync();

        Assert.Equal("1.2.1-login-page.1", first.SemVer);
        Assert.Equal("feature/login-page", first.BranchName);
        Assert.Equal("1.2.1-login-page.2", second.SemVer);
    }

    [Fact]
    public async Task A_detached_head_on_a_commit_of_one_branch_is_versioned_as_that_branch()
    {
        _repository.Git("tag", "v1.2.0");
        _repository.Commit("Fix a");
        _repository.Commit("Fix b");
        _repository.Git("checkout", "--quiet", "--detach", "HEAD~1");

        var version = await VersionAsync();

        Assert.Equal("1.2.1-1", version.SemVer);
        Assert.Equal("main", version.BranchName);
    }

    [Fact]
    public async Task A_detached_head_git_version_cannot_attribute_to_a_branch_fails_with_what_to_change()
    {
        _repository.Git("tag", "v1.2.0");
        _repository.Commit("Fix a");
        // Two branches contain the commit: GitVersion cannot tell which one is being built.
        _repository.Git("branch", "feature/other");
        _repository.Git("checkout", "--quiet", "--detach");

        var error = await Assert.ThrowsAsync<VersioningException>(VersionAsync);

        Assert.Contains("HEAD is detached", error.Message);
        Assert.Contains("no-branch", error.Message);
        Assert.Contains("git switch main", error.Message);
        Assert.Contains("fetch-depth: 0", error.Message);
    }

    [Fact]
    public async Task A_detached_head_on_a_release_tag_is_the_release()
    {
        _repository.Git("tag", "v1.2.0");
        _repository.Git("branch", "feature/other");
        _repository.Git("checkout", "--quiet", "--detach", "v1.2.0");

        Assert.Equal("1.2.0", (await VersionAsync()).SemVer);
    }

    [Fact]
    public void The_command_line_runs_the_pinned_cli_on_the_repository_without_fetching_or_caching()
    {
        var command = new GitVersionRunner(_runner).Command(_repository.Path);

        Assert.EndsWith(Path.Combine("gitversion.msbuild", "6.8.2", "tools", "net10.0", "gitversion.dll"), command.Arguments[0]);
        Assert.Equal([_repository.Path, "/output", "json", "/nofetch", "/nocache"], command.Arguments.Skip(1));
        Assert.False(command.ThrowOnError);
    }

    public void Dispose() => _repository.Dispose();

    private async Task<GitVersionResult> VersionAsync()
    {
        var repository = await GitRepository.OpenAsync(_runner, _repository.Path);
        return await new GitVersionRunner(_runner).RunAsync(repository);
    }
}
