namespace Drydock.Versioning.Tests;

public sealed class GitStatusTests
{
    [Fact]
    public void Porcelain_z_entries_give_their_paths_and_a_rename_its_new_path_only()
    {
        const string output = " M src/a.cs\0R  new name.cs\0old name.cs\0?? docs/new.md\0";

        Assert.Equal(["src/a.cs", "new name.cs", "docs/new.md"], GitStatus.ChangedPaths(output));
    }

    [Fact]
    public void Empty_output_means_no_changes() => Assert.Empty(GitStatus.ChangedPaths(string.Empty));
}
