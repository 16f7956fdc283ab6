using Drydock.Engine.Tooling;

namespace Drydock.DotNet;

/// <summary>Decides the dotnet CLI invocations of the build; running them is the tool runner's job.</summary>
public static class DotNetCommands
{
    public static ToolCommand Restore(string target) => Dotnet("restore", target, "--nologo");

    public static ToolCommand Build(string target, string configuration) =>
        Dotnet("build", target, "--nologo", "--no-restore", "-c", configuration);

    public static ToolCommand Test(string project, string configuration, string resultsDirectory, string resultsFile) =>
        Dotnet("test", project, "--nologo", "--no-build", "-c", configuration,
            "--results-directory", resultsDirectory, "--logger", $"trx;LogFileName={resultsFile}");

    /// <summary>
    /// A linux-x64 publish stamped with the version and commit. Self-contained needs only a runtime-deps base;
    /// framework-dependent (the apphost stays, found the runtime through DOTNET_ROOT) holds only the app's own files.
    /// </summary>
    public static ToolCommand Publish(string project, string configuration, string output, string version, string informationalVersion, bool selfContained = true) =>
        Dotnet("publish", project, "--nologo", "-c", configuration, "-r", "linux-x64", "--self-contained", selfContained ? "true" : "false",
            "-o", output, $"-p:Version={version}", $"-p:InformationalVersion={informationalVersion}");

    /// <summary>The same publish for one of the project's target frameworks (<c>-f</c>), as a multi-targeted project needs.</summary>
    public static ToolCommand ForFramework(this ToolCommand publish, string framework) =>
        publish with { Arguments = [.. publish.Arguments, "-f", framework] };

    /// <summary><c>dotnet msbuild</c> with the given arguments: evaluations and targets that need no build.</summary>
    public static ToolCommand Msbuild(IEnumerable<string> arguments) => Dotnet(["msbuild", .. arguments]);

    /// <summary>
    /// The SDK's daemonless container builder: publishes framework-dependent and pushes the image straight to the
    /// registry (<c>-t:PublishContainer</c>). Labels come from <see cref="PublishContainerSettings.LabelsTargetsFile"/>, an MSBuild file
    /// with ContainerLabel items (items cannot be given on a command line).
    /// </summary>
    public static ToolCommand PublishContainer(PublishContainerSettings settings) =>
        Dotnet([.. settings.Arguments()]) with { Environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = settings.InsecureRegistries,
        } };

    /// <summary>
    /// Packs a project already built with the same version (<c>--no-build</c>): the package carries the version and
    /// the commit (nuspec repository/@commit), which PublishPackages compares before it pushes.
    /// </summary>
    public static ToolCommand Pack(string project, string configuration, string output, string version, string informationalVersion, string commit) =>
        Dotnet("pack", project, "--nologo", "--no-build", "-c", configuration, "-o", output,
            $"-p:Version={version}", $"-p:InformationalVersion={informationalVersion}", $"-p:RepositoryCommit={commit}");

    /// <summary>Builds a project and everything it references with one version, ready for <see cref="Pack"/>.</summary>
    public static ToolCommand BuildVersioned(string project, string configuration, string version, string informationalVersion, string commit) =>
        Dotnet("build", project, "--nologo", "-c", configuration,
            $"-p:Version={version}", $"-p:InformationalVersion={informationalVersion}", $"-p:RepositoryCommit={commit}");

    /// <summary>
    /// Pushes one package. The API key travels in NUGET_API_KEY (read by NuGet 7.6 and later), never on the command line;
    /// a folder feed needs none.
    /// </summary>
    public static ToolCommand Push(string package, string source, string? apiKey) =>
        Dotnet("nuget", "push", package, "--source", source) with
        {
            Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["NUGET_API_KEY"] = apiKey },
        };

    public static ToolCommand Clean(string target) => Dotnet("clean", target, "--nologo", "-v", "quiet");

    private static ToolCommand Dotnet(params string[] arguments) =>
        new("dotnet", arguments) { Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" } };
}
