using System.Text.Encodings.Web;
using System.Text.Json;

namespace Drydock.Build.Setup;

/// <summary>The texts of the files Setup adds to a repository; what they say is the team's from then on.</summary>
public static class SetupFiles
{
    public static IReadOnlyList<PlannedFile> For(WebProject service, SetupInputs inputs)
    {
        List<PlannedFile> files =
        [
            new("build/_build.csproj", BuildProject(inputs.PackageVersion)),
            new("build/Build.cs", BuildClass),
            new("build/Directory.Build.props", Isolation("language rules")),
            new("build/Directory.Packages.props", Isolation("package versions")),
            new("build.sh", inputs.BuildSh),
            new("build.ps1", inputs.BuildPs1),
            new(".nuke/parameters.json", Json(new Dictionary<string, object> { ["$schema"] = "./build.schema.json", ["Project"] = service.RelativePath })),
            new(".nuke/environments/local.json", Json(service.HealthPath is { } health
                ? new Dictionary<string, object> { ["hostPort"] = 8080, ["healthPath"] = health }
                : new Dictionary<string, object> { ["hostPort"] = 8080 })),
            new(".github/workflows/build.yml", GitHubWorkflow),
            new("global.json", inputs.GlobalJson),
        ];
        if (inputs.LocalFeed is { } feed)
            files.Add(new("build/nuget.config", NuGetConfig(feed)));
        return files;
    }

    // A serializer, never interpolation: a quote in a project path must stay part of the path, not open a new key.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(Dictionary<string, object> values) => JsonSerializer.Serialize(values, Indented) + "\n";

    private static string BuildProject(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <!-- The build: Drydock.Build brings the targets (the help option of build.sh lists them); build/Build.cs is yours. -->
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <RootNamespace></RootNamespace>
            <AssemblyName>_build</AssemblyName>
            <OutputPath>bin/</OutputPath>
            <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
            <AppendRuntimeIdentifierToOutputPath>false</AppendRuntimeIdentifierToOutputPath>
            <InvariantGlobalization>true</InvariantGlobalization>
            <!-- [Parameter] fields are assigned by the engine through reflection, which the compiler cannot see. -->
            <NoWarn>$(NoWarn);CS0649;CS0169;CS0414</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Drydock.Build" Version="{version}" />
          </ItemGroup>
        </Project>

        """;

    private const string BuildClass = """
        using Drydock.Build;

        /// <summary>
        /// This repository's build. ServiceBuild (the Drydock.Build package) brings Compile → Test → Publish → BuildImage →
        /// TagImage → PushImage → ShipImage → Deploy, Rollback, Status and History; add your own targets and parameters here.
        /// </summary>
        class Build : ServiceBuild
        {
            public static int Main(string[] args) => Execute<Build>(args, x => x.Test);
        }

        """;

    private static string Isolation(string what) => $"""
        <Project>
          <!-- The build project keeps its own {what}: the repository's apply to the apps, not to the build. -->
        </Project>

        """;

    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <!-- Where Drydock.Build comes from: the folder ./build.sh Pack wrote. Only the build project reads this file. -->
        <configuration>
          <packageSources>
            <add key="drydock-local" value="{feed}" />
          </packageSources>
        </configuration>

        """;

    private const string GitHubWorkflow = """
        name: build
        on: [push, pull_request]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                with:
                  fetch-depth: 0 # GitVersion reads the history
              - uses: actions/setup-dotnet@v4
                with:
                  global-json-file: global.json
              - run: ./build.sh Test

        """;
}
