using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Release;

/// <summary>
/// The CycloneDX dotnet tool, installed once into the build's scratch space at a pinned version (so any repository
/// the build ships gets the same tool, without a tool manifest of its own), and run on the shipped project.
/// </summary>
public sealed class SbomTool(IToolRunner runner, IBuildLog log, string temporaryDirectory)
{
    public const string PackageId = "CycloneDX";
    public const string PackageVersion = "6.3.1";

    private string ToolPath => Path.Combine(temporaryDirectory, "tools", $"cyclonedx-{PackageVersion}");

    private string Executable => Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "dotnet-CycloneDX.exe" : "dotnet-CycloneDX");

    /// <summary>Writes the project's NuGet packages (for linux-x64, test projects excluded) as CycloneDX JSON to <paramref name="outputFile"/>.</summary>
    public async Task WriteNuGetBomAsync(string projectPath, string outputFile, CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync(cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(outputFile)!);
        // Restore already ran (publish did it), so the tool only reads project.assets.json; hashes are the feed's business.
        await runner.RunAsync(new ToolCommand(Executable, projectPath, "--output", Path.GetDirectoryName(outputFile)!, "--filename", Path.GetFileName(outputFile),
            "--output-format", "Json", "--no-serial-number", "--runtime", "linux-x64", "--exclude-test-projects", "--disable-package-restore", "--disable-hash-computation")
        {
            EchoOutput = false,
            Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
        }, cancellationToken);
    }

    private async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Executable))
            return;
        log.Write(LogLevel.Information, $"Installing the {PackageId} {PackageVersion} dotnet tool into {ToolPath} (once)");
        await runner.RunAsync(new ToolCommand("dotnet", "tool", "install", PackageId, "--version", PackageVersion, "--tool-path", ToolPath) { EchoOutput = false }, cancellationToken);
    }
}
