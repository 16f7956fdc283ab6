using Drydock.Build.Setup;
using Drydock.DotNet;

namespace Drydock.Build.Tests;

/// <summary>What Setup and Pack read from files: web projects and their health checks, solutions, project references.</summary>
public sealed class RepositorySnapshotTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "adp-snapshot-" + Guid.NewGuid().ToString("N")[..8]);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private const string Web = """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""";

    [Fact]
    public void Web_projects_are_found_with_their_mapped_health_check_and_libraries_build_output_and_the_build_are_not()
    {
        Write("src/Api/Api.csproj", Web);
        Write("src/Api/Program.cs", """app.MapHealthChecks( "/health/ready" ); app.Run();""");
        Write("src/Admin/Admin.csproj", Web);
        Write("src/Admin/Program.cs", "app.Run();");
        Write("src/Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("src/Api/bin/Release/Copy.csproj", Web);
        Write("build/_build.csproj", Web);
        Write("build.sh", "");

        var snapshot = RepositorySnapshot.Read(_root, ["build.sh", "build.ps1"], _ => true);

        Assert.Equal([new WebProject("src/Admin/Admin.csproj", null), new WebProject("src/Api/Api.csproj", "/health/ready")], snapshot.WebProjects);
        Assert.Equal(["build.sh"], snapshot.ExistingFiles);
        Assert.True(snapshot.IgnoredByGit);
    }

    [Fact]
    public void A_missing_folder_is_read_as_missing()
    {
        Assert.False(RepositorySnapshot.Read(Path.Combine(_root, "nope"), [], _ => true).IsDirectory);
    }

    [Fact]
    public void The_root_solution_is_found_a_slnx_wins_over_its_sln_and_several_are_an_error_naming_them()
    {
        Directory.CreateDirectory(_root);
        Assert.Null(SolutionFile.AtRoot(_root));
        Write("App.sln", "");
        Write("App.slnx", "<Solution />");
        Assert.Equal(Path.Combine(_root, "App.slnx"), SolutionFile.AtRoot(_root));
        Write("Other.sln", "");
        Assert.Contains("App.slnx, Other.sln", Assert.Throws<InvalidOperationException>(() => SolutionFile.AtRoot(_root)).Message);
    }

    [Fact]
    public void A_sln_lists_its_projects_and_not_its_folders()
    {
        Write("App.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "src", "src", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Api", "src\Api\Api.csproj", "{22222222-2222-2222-2222-222222222222}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Api.Tests", "tests\Api.Tests\Api.Tests.csproj", "{33333333-3333-3333-3333-333333333333}"
            EndProject
            """);

        Assert.Equal([Path.Combine(_root, "src/Api/Api.csproj"), Path.Combine(_root, "tests/Api.Tests/Api.Tests.csproj")], SolutionFile.Projects(Path.Combine(_root, "App.sln")));
    }

    [Fact]
    public void The_reference_closure_lists_each_project_once_the_entry_first()
    {
        Write("a/A.csproj", """<Project><ItemGroup><ProjectReference Include="../b/B.csproj" /><ProjectReference Include="..\c\C.csproj" /></ItemGroup></Project>""");
        Write("b/B.csproj", """<Project><ItemGroup><ProjectReference Include="../c/C.csproj" /></ItemGroup></Project>""");
        Write("c/C.csproj", "<Project />");

        Assert.Equal(["a/A.csproj", "b/B.csproj", "c/C.csproj"],
            ProjectReferences.Closure(Path.Combine(_root, "a/A.csproj")).Select(p => Path.GetRelativePath(_root, p)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
