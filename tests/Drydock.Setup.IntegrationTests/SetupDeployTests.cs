namespace Drydock.Setup.IntegrationTests;

/// <summary>
/// Drydock in repositories that are not its own: Setup into a fresh `dotnet new webapi` repository, its ./build.sh
/// Deploy, a second commit, Rollback; a repository with its own central package management, warnings as errors, .slnx
/// and NuGet.config; and an app under this repository (samples/Weather, its own package reference) by --project.
/// Ports 19100-19199; environments and images named adp…, unique per run.
/// </summary>
[Collection(PackedCollection.Name)]
public sealed class SetupDeployTests(PackedDrydock drydock, ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "adp-repo-" + Guid.NewGuid().ToString("N")[..8]);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_fresh_webapi_repository_is_set_up_deploys_a_second_commit_deploys_and_rollback_brings_the_first_back()
    {
        NewRepository("webapi", "src/Weather", "Weather");
        MapHealthCheck("src/Weather/Program.cs", "/healthz");
        Commit("A web API");

        var setup = Shell.Run(output, RepositoryRoot.Path, Path.Combine(RepositoryRoot.Path, "build.sh"), "Setup", "--into", _root);
        Assert.Contains("Deploy waits for /healthz", setup);
        Assert.Contains("./build.sh Deploy", setup);
        Assert.True(File.Exists(Path.Combine(_root, "build", "Build.cs")));
        var environment = drydock.Environment("fresh");
        NewEnvironmentLikeLocal(environment);
        Commit("Build and deploy with Drydock");

        string[] deploy = ["Deploy", "--environment", environment, "--image-name", environment, "--host-port", "19110"];
        BuildSh(deploy);
        Assert.Contains("temperatureC", await Get("http://127.0.0.1:19110/weatherforecast"));

        File.WriteAllText(Path.Combine(_root, "src/Weather/Program.cs"),
            File.ReadAllText(Path.Combine(_root, "src/Weather/Program.cs")).Replace("app.Run();", "app.MapGet(\"/release\", () => \"second\");\napp.Run();"));
        Commit("A second release");
        BuildSh(deploy);
        Assert.Equal("second", await Get("http://127.0.0.1:19110/release"));

        BuildSh("Rollback", "--environment", environment, "--image-name", environment, "--host-port", "19110");
        Assert.Equal(404, (int)(await Http.GetAsync("http://127.0.0.1:19110/release")).StatusCode);
        Assert.Contains("temperatureC", await Get("http://127.0.0.1:19110/weatherforecast"));

        // Setup never overwrites: a second run lists what exists and writes nothing.
        var again = Shell.Run(output, RepositoryRoot.Path, Path.Combine(RepositoryRoot.Path, "build.sh"), ["Setup", "--into", _root], expectSuccess: false);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("never overwrites", again.Output);
        Assert.Empty(Shell.Run(null, _root, "git", "status", "--porcelain"));
    }

    [Fact]
    public async Task A_repository_with_its_own_central_packages_warnings_as_errors_slnx_and_nuget_config_deploys_unchanged()
    {
        NewRepository("web", "src/Shop", "Shop");
        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
            </Project>
            """);
        Write("Directory.Packages.props", """
            <Project>
              <ItemGroup><PackageVersion Include="Yarp.ReverseProxy" Version="2.3.0" /></ItemGroup>
            </Project>
            """);
        Write("NuGet.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
            """);
        File.WriteAllText(Path.Combine(_root, "src/Shop/Shop.csproj"), File.ReadAllText(Path.Combine(_root, "src/Shop/Shop.csproj"))
            .Replace("</Project>", "  <ItemGroup><PackageReference Include=\"Yarp.ReverseProxy\" /></ItemGroup>\n</Project>"));
        Shell.Run(output, _root, "dotnet", "new", "sln", "-n", "Shop", "--format", "slnx");
        Shell.Run(output, _root, "dotnet", "sln", "Shop.slnx", "add", "src/Shop/Shop.csproj");
        MapHealthCheck("src/Shop/Program.cs", "/health");
        Commit("A shop with its own build settings");
        var before = Shell.Run(null, _root, "git", "rev-parse", "HEAD:Directory.Build.props", "HEAD:Directory.Packages.props", "HEAD:NuGet.config");

        Shell.Run(output, RepositoryRoot.Path, Path.Combine(RepositoryRoot.Path, "build.sh"), "Setup", "--into", _root);
        var environment = drydock.Environment("cpm");
        NewEnvironmentLikeLocal(environment);
        Commit("Build and deploy with Drydock");
        Assert.Equal(before, Shell.Run(null, _root, "git", "rev-parse", "HEAD:Directory.Build.props", "HEAD:Directory.Packages.props", "HEAD:NuGet.config"));

        BuildSh("Deploy", "--environment", environment, "--image-name", environment, "--host-port", "19111");
        Assert.Equal("Hello World!", await Get("http://127.0.0.1:19111/"));
    }

    [Fact]
    public async Task An_app_with_its_own_package_reference_under_this_repository_deploys_with_project()
    {
        var environment = drydock.Environment("inrepo");
        Shell.Run(output, RepositoryRoot.Path, Path.Combine(RepositoryRoot.Path, "build.sh"),
            "Deploy", "--skip", "Restore", "Compile", "Test", "--allow-dirty", "--project", "samples/Weather/Weather.csproj", "--health-path", "/weatherforecast",
            "--environment", environment, "--new-environment", "--image-name", environment, "--host-port", "19112");
        Assert.Contains("temperatureC", await Get("http://127.0.0.1:19112/weatherforecast"));
    }

    private void NewRepository(string template, string folder, string name)
    {
        Directory.CreateDirectory(_root);
        Shell.Run(output, _root, "dotnet", "new", template, "-n", name, "-o", folder, "--no-restore");
        Write(".gitignore", "bin/\nobj/\nartifacts/\n.nuke/temp/\n");
        Shell.Run(null, _root, "git", "init", "-q", "-b", "main");
    }

    private void MapHealthCheck(string program, string path)
    {
        var file = Path.Combine(_root, program);
        File.WriteAllText(file, File.ReadAllText(file)
            .Replace("var builder = WebApplication.CreateBuilder(args);", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHealthChecks();")
            .Replace("app.Run();", $"app.MapHealthChecks(\"{path}\");\napp.Run();"));
    }

    /// <summary>A new environment as a team adds one: a copy of the local.json Setup wrote (its detected health path included).</summary>
    private void NewEnvironmentLikeLocal(string environment) =>
        File.Copy(Path.Combine(_root, ".nuke/environments/local.json"), Path.Combine(_root, $".nuke/environments/{environment}.json"));

    private void Write(string path, string text) => File.WriteAllText(Path.Combine(_root, path), text);

    private void Commit(string message)
    {
        Shell.Git(_root, "add", "-A");
        Shell.Git(_root, "commit", "-q", "-m", message);
    }

    private void BuildSh(params string[] args) => Shell.Run(output, _root, Path.Combine(_root, "build.sh"), args);

    private static async Task<string> Get(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
