using Drydock.Versioning.Tests.Infrastructure;

namespace Drydock.Versioning.Tests;

public sealed class WorkingTreeStateTests : IDisposable
{
    private readonly TempGitRepository _repository = TempGitRepository.Create();
    private readonly IsolatedToolRunner _runner = new();

    public WorkingTreeStateTests()
    {
        _repository.Write(".gitignore", "bin/\n");
        _repository.Commit("Service", "src/service.txt", "v1");
    }

    [Fact]
    public async Task A_clean_tree_is_clean_and_has_no_hash()
    {
        var state = await ReadAsync();

        Assert.False(state.IsDirty);
        Assert.Null(state.ContentHash);
        Assert.Null(state.DirtyLabel);
        state.EnsureBuildable(allowDirty: false);
    }

    [Fact]
    public async Task A_modified_file_makes_the_tree_dirty_with_an_8_hex_content_hash()
    {
        _repository.Write("src/service.txt", "v2");

        var state = await ReadAsync();

        Assert.True(state.IsDirty);
        Assert.Equal(["src/service.txt"], state.ChangedPaths);
        Assert.Matches("^[0-9a-f]{8}$", state.ContentHash);
        Assert.Equal("dirty." + state.ContentHash, state.DirtyLabel);
    }

    [Fact]
    public async Task The_same_changes_give_the_same_hash_and_different_changes_a_different_one()
    {
        _repository.Write("src/service.txt", "v2");
        var first = await ReadAsync();
        _repository.Write("src/service.txt", "v3");
        var other = await ReadAsync();
        _repository.Write("src/service.txt", "v2");
        var again = await ReadAsync();

        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.NotEqual(first.ContentHash, other.ContentHash);
    }

    [Fact]
    public async Task The_same_changes_in_another_clone_give_the_same_hash()
    {
        _repository.Write("src/service.txt", "v2");
        _repository.Write("notes.txt", "new");
        var clone = Directory.CreateTempSubdirectory("drydock-clone-").FullName;
        try
        {
            TempGitRepository.Run(clone, "clone", "--quiet", _repository.Path, ".");
            File.WriteAllText(Path.Combine(clone, "src", "service.txt"), "v2");
            File.WriteAllText(Path.Combine(clone, "notes.txt"), "new");

            var here = await ReadAsync();
            var there = await WorkingTreeState.ReadAsync(_runner, await GitRepository.OpenAsync(_runner, clone));

            Assert.Equal(here.ContentHash, there.ContentHash);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    [Fact]
    public async Task A_repository_path_with_a_colon_hashes_the_same()
    {
        _repository.Write("src/service.txt", "v2");
        var parent = Directory.CreateTempSubdirectory("drydock-colon-").FullName;
        try
        {
            var clone = Path.Combine(parent, "with:colon");
            TempGitRepository.Run(parent, "clone", "--quiet", _repository.Path, clone);
            File.WriteAllText(Path.Combine(clone, "src", "service.txt"), "v2");

            var there = await WorkingTreeState.ReadAsync(_runner, await GitRepository.OpenAsync(_runner, clone));

            Assert.Equal((await ReadAsync()).ContentHash, there.ContentHash);
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Untracked_files_count_by_content_and_ignored_files_do_not_count()
    {
        _repository.Write("bin/output.dll", "ignored");
        var ignoredOnly = await ReadAsync();
        _repository.Write("docs/new.md", "one");
        var untracked = await ReadAsync();
        _repository.Write("docs/new.md", "two");
        var untrackedChanged = await ReadAsync();

        Assert.False(ignoredOnly.IsDirty);
        Assert.Equal(["docs/new.md"], untracked.ChangedPaths);
        Assert.NotEqual(untracked.ContentHash, untrackedChanged.ContentHash);
    }

    [Fact]
    public async Task A_dirty_tree_is_refused_with_the_changed_files_unless_allowed()
    {
        _repository.Write("src/service.txt", "v2");
        _repository.Write("docs/new.md", "new");
        var state = await ReadAsync();

        var error = Assert.Throws<VersioningException>(() => state.EnsureBuildable(allowDirty: false));
        state.EnsureBuildable(allowDirty: true);

        Assert.Contains("uncommitted changes", error.Message);
        Assert.Contains("  src/service.txt", error.Message);
        Assert.Contains("  docs/new.md", error.Message);
        Assert.Contains("Commit or stash them, or pass --allow-dirty", error.Message);
    }

    [Fact]
    public void The_refusal_lists_ten_files_and_counts_the_rest()
    {
        var state = new WorkingTreeState([.. Enumerable.Range(1, 13).Select(i => $"file{i}.txt")], "0123abcd");

        var error = Assert.Throws<VersioningException>(() => state.EnsureBuildable(allowDirty: false));

        Assert.Contains("file10.txt", error.Message);
        Assert.DoesNotContain("file11.txt", error.Message);
        Assert.Contains("... and 3 more", error.Message);
    }

    [Fact]
    public async Task Hashing_leaves_the_repository_untouched()
    {
        _repository.Write("src/service.txt", "v2");
        _repository.Write("docs/new.md", "new");
        var index = File.ReadAllBytes(Path.Combine(_repository.Path, ".git", "index"));
        var objects = _repository.Git("count-objects", "-v");

        await ReadAsync();

        Assert.Equal(index, File.ReadAllBytes(Path.Combine(_repository.Path, ".git", "index")));
        Assert.Equal(objects, _repository.Git("count-objects", "-v"));
        Assert.Equal(string.Empty, _repository.Git("diff", "--cached", "--name-only"));
        Assert.Equal("docs/new.md", _repository.Git("ls-files", "--others", "--exclude-standard"));
    }

    public void Dispose() => _repository.Dispose();

    private async Task<WorkingTreeState> ReadAsync() =>
        await WorkingTreeState.ReadAsync(_runner, await GitRepository.OpenAsync(_runner, _repository.Path));
}
