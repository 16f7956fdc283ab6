using System.Text.Json;
using Drydock.Docker;
using Drydock.DotNet;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Release;

/// <summary>
/// Restores the linux-x64 runtime packs of an older major from the configured feed, at the version the SDK picks,
/// through a throwaway self-contained project: the SDK chooses the version and NuGet the feed, as for the app itself.
/// </summary>
public sealed class RuntimePacks(IToolRunner runner, IBuildLog log, string workDirectory)
{
    public async Task<SharedRuntime> RestoreAsync(AppRuntime runtime, string sdkRoot, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(workDirectory, "runtime-packs", runtime.Framework);
        Directory.CreateDirectory(directory);
        var project = Path.Combine(directory, "RuntimePacks.csproj");
        await File.WriteAllTextAsync(project, ProjectText(runtime), cancellationToken);
        log.Write(LogLevel.Information, $"Restoring the {runtime.Framework} runtime packs (Microsoft.NETCore.App and Microsoft.AspNetCore.App, linux-x64) from the feed");
        var result = await runner.RunAsync(DotNetCommands.Msbuild(
        [
            project, "-nologo", "-restore", "-t:ProcessFrameworkReferences", "-getItem:RuntimePack", "-getProperty:NuGetPackageRoot",
            // Only the feed configuration is the app's: its build props must not change a project that is not its own.
            "-p:ImportDirectoryBuildProps=false", "-p:ImportDirectoryBuildTargets=false", "-p:ImportDirectoryPackagesProps=false",
        ]) with { EchoOutput = false, ThrowOnError = false }, cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"Could not restore the {runtime.Framework} runtime packs{(runtime.RuntimeFrameworkVersion is { } v ? $" at RuntimeFrameworkVersion {v}" : "")} from the configured feed:"
                + Environment.NewLine + result.Output.Trim() + Environment.NewLine
                + "Check that the feed in nuget.config serves Microsoft.NETCore.App.Runtime.linux-x64 and Microsoft.AspNetCore.App.Runtime.linux-x64, or target the SDK's own major.");
        var (version, folders) = Parse(result.Output);
        log.Write(LogLevel.Information, $"Runtime packs {version}: {string.Join(", ", folders.Values)}");
        return SharedRuntime.FromPacks(sdkRoot, version, folders);
    }

    /// <summary>A web project, self-contained for linux-x64, so the SDK resolves both runtime packs.</summary>
    internal static string ProjectText(AppRuntime runtime) =>
        $"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>{runtime.Framework}</TargetFramework>
            <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
            <SelfContained>true</SelfContained>
            {(runtime.RuntimeFrameworkVersion is { } version ? $"<RuntimeFrameworkVersion>{version}</RuntimeFrameworkVersion>" : "")}
          </PropertyGroup>
        </Project>

        """;

    /// <summary>The version and the extracted folder of each framework's pack, from the evaluation's JSON.</summary>
    internal static (string Version, IReadOnlyDictionary<string, string> Folders) Parse(string json)
    {
        using var document = JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]);
        var packageRoot = document.RootElement.GetProperty("Properties").GetProperty("NuGetPackageRoot").GetString()
            ?? throw new InvalidOperationException("The runtime pack restore named no NuGet package folder.");
        var folders = new Dictionary<string, string>();
        var versions = new HashSet<string>();
        foreach (var pack in document.RootElement.GetProperty("Items").GetProperty("RuntimePack").EnumerateArray())
        {
            var framework = pack.GetProperty("FrameworkName").GetString()!;
            if (!SharedRuntime.Frameworks.Contains(framework))
                continue;
            var id = pack.GetProperty("NuGetPackageId").GetString()!;
            var version = pack.GetProperty("NuGetPackageVersion").GetString()!;
            versions.Add(version);
            folders[framework] = Path.Combine(packageRoot, id.ToLowerInvariant(), version);
        }
        if (versions.Count != 1 || folders.Count != SharedRuntime.Frameworks.Count)
            throw new InvalidOperationException($"The runtime pack restore resolved {string.Join(", ", folders.Keys.DefaultIfEmpty("no packs"))} at {string.Join(", ", versions.DefaultIfEmpty("no version"))}; expected both frameworks at one version.");
        return (versions.Single(), folders);
    }
}
