using Drydock.Build.Setup;
using Drydock.Engine.Planning;

namespace Drydock.Build.Tests;

/// <summary>Setup's writes on a real disk: never through a link out of the repository, never over a file that appeared meanwhile.</summary>
public sealed class SetupWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("drydock-setup-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("drydock-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    private static readonly PlannedFile[] Files = [new("build.sh", "#!/usr/bin/env bash\n"), new("build/Build.cs", "class Build;\n"), new(".nuke/parameters.json", "{}\n")];

    [Fact]
    public void The_files_are_created_under_the_root()
    {
        SetupWriter.Write(_root, Files);
        Assert.Equal("class Build;\n", File.ReadAllText(Path.Combine(_root, "build", "Build.cs")));
        Assert.Equal("{}\n", File.ReadAllText(Path.Combine(_root, ".nuke", "parameters.json")));
    }

    [Fact]
    public void A_folder_linked_out_of_the_repository_is_refused_and_nothing_is_written()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "build"), _outside);

        var refused = Assert.Throws<PlanningException>(() => SetupWriter.Write(_root, Files));
        Assert.Contains("build/Build.cs", refused.Message);
        Assert.Contains(_outside, refused.Message);
        Assert.Contains("Nothing was written", refused.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        Assert.False(File.Exists(Path.Combine(_root, "build.sh")));
    }

    [Fact]
    public void A_folder_linked_inside_the_repository_is_written_through()
    {
        Directory.CreateDirectory(Path.Combine(_root, "tools"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "build"), Path.Combine(_root, "tools"));
        SetupWriter.Write(_root, Files);
        Assert.True(File.Exists(Path.Combine(_root, "tools", "Build.cs")));
    }

    [Fact]
    public void A_file_written_by_someone_else_after_the_plan_is_kept_and_what_this_run_wrote_is_undone()
    {
        // The plan saw no .nuke/parameters.json; another process creates it before the write.
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        File.WriteAllText(Path.Combine(_root, ".nuke", "parameters.json"), "theirs");

        var refused = Assert.Throws<PlanningException>(() => SetupWriter.Write(_root, Files));
        Assert.Contains(".nuke/parameters.json appeared while Setup ran", refused.Message);
        Assert.Equal("theirs", File.ReadAllText(Path.Combine(_root, ".nuke", "parameters.json")));
        Assert.False(File.Exists(Path.Combine(_root, "build.sh")));
        Assert.False(File.Exists(Path.Combine(_root, "build", "Build.cs")));
    }

    [Fact]
    public void An_existing_file_the_plan_extends_is_replaced_but_never_through_a_link()
    {
        File.WriteAllText(Path.Combine(_root, ".gitignore"), "bin/\n");
        SetupWriter.Write(_root, [new(".gitignore", "bin/\nobj/\n") { Replaces = true }]);
        Assert.Equal("bin/\nobj/\n", File.ReadAllText(Path.Combine(_root, ".gitignore")));

        var target = Path.Combine(_outside, "profile");
        File.WriteAllText(target, "keep");
        File.Delete(Path.Combine(_root, ".gitignore"));
        File.CreateSymbolicLink(Path.Combine(_root, ".gitignore"), target);
        Assert.Throws<PlanningException>(() => SetupWriter.Write(_root, [new(".gitignore", "x") { Replaces = true }]));
        Assert.Equal("keep", File.ReadAllText(target));
    }
}
