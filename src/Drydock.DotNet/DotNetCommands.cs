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

    /// <summary>Self-contained for linux-x64, so the image needs only a runtime-deps base; stamped with the version and commit.</summary>
    public static ToolCommand Publish(string project, string configuration, string output, string version, string informationalVersion) =>
        Dotnet("publish", project, "--nologo", "-c", configuration, "-r", "linux-x64", "--self-contained", "true",
            "-o", output, $"-p:Version={version}", $"-p:InformationalVersion={informationalVersion}");

    public static ToolCommand Clean(string target) => Dotnet("clean", target, "--nologo", "-v", "quiet");

    private static ToolCommand Dotnet(params string[] arguments) =>
        new("dotnet", arguments) { Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" } };
}
