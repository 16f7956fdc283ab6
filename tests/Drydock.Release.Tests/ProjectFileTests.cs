namespace Drydock.Release.Tests;

/// <summary>A project that is no ASP.NET Core app is refused before Publish, with the reason.</summary>
public sealed class ProjectFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("drydock-project-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Project(string name, string xml)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, xml);
        return path;
    }

    [Fact]
    public void A_web_app_ships()
    {
        Assert.Null(ProjectFile.NotAWebAppReason(Project("Web.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup /></Project>""")));
        Assert.Null(ProjectFile.NotAWebAppReason(Project("Sdk.csproj", """<Project><Sdk Name="Microsoft.NET.Sdk.Web" /></Project>""")));
        Assert.Null(ProjectFile.NotAWebAppReason(Project("Exe.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>""")));
    }

    [Fact]
    public void A_library_of_the_plain_sdk_is_refused_naming_the_sdk_and_the_fix()
    {
        var engine = Project("Drydock.Engine.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Library</OutputType></PropertyGroup></Project>""");

        var reason = ProjectFile.NotAWebAppReason(engine);

        Assert.NotNull(reason);
        Assert.Contains("Drydock.Engine.csproj is not an ASP.NET Core app", reason);
        Assert.Contains("Microsoft.NET.Sdk.Web", reason);
        Assert.Contains("--project", reason);
        var thrown = Assert.Throws<InvalidOperationException>(() => ProjectFile.EnsureShippable(engine));
        Assert.Contains("Nothing was published or pushed", thrown.Message);
    }

    [Fact]
    public void A_web_sdk_project_that_builds_a_library_is_refused()
    {
        var reason = ProjectFile.NotAWebAppReason(Project("Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><OutputType>Library</OutputType></PropertyGroup></Project>"""));

        Assert.NotNull(reason);
        Assert.Contains("builds a Library, not an executable", reason);
    }
}
