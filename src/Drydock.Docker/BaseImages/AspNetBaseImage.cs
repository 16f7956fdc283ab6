using Drydock.Engine.Output;

namespace Drydock.Docker;

/// <summary>
/// Provides the ASP.NET base (see <see cref="AspNetBaseRecipe"/>) on top of a runtime-deps base: reused when the
/// engine has it, else built once from the SDK's own runtime files or the runtime packs of an older major.
/// </summary>
public static class AspNetBaseImage
{
    public static async Task<ResolvedBaseImage> EnsureAsync(
        DockerCli docker, IBuildLog log, string workDirectory, ResolvedBaseImage runtimeDeps, SharedRuntime runtime, CancellationToken cancellationToken = default)
    {
        var baseImage = await docker.InspectImageAsync(runtimeDeps.Reference, cancellationToken)
            ?? throw new InvalidOperationException($"The runtime-deps base {runtimeDeps.Reference} vanished from the engine before the ASP.NET base was built on it.");
        var name = AspNetBaseRecipe.ImageName(runtime.Version, AspNetBaseRecipe.BaseIdentity(baseImage));
        using var machineLock = await MachineLock.AcquireAsync("aspnet-base-image", "the ASP.NET base image", log, cancellationToken);
        if (await docker.ImageExistsAsync(name, cancellationToken))
        {
            log.Write(LogLevel.Information, $"Reusing ASP.NET base {name} (runtime {runtime.Version} on {runtimeDeps.Reference})");
            return new(name, BaseImageOrigin.ReusedOffline);
        }

        // Per process, so two builds on one machine never share a half-staged context.
        var context = Path.Combine(Path.GetFullPath(workDirectory), $"aspnet-{Environment.ProcessId}");
        if (Directory.Exists(context))
            Directory.Delete(context, recursive: true);
        log.Write(LogLevel.Information, $"Building ASP.NET base {name}: runtime {runtime.Version} from {runtime.Root} on {runtimeDeps.Reference}");
        Stage(runtime, context);
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), AspNetBaseRecipe.Dockerfile(runtimeDeps.Reference, runtime.Version), cancellationToken);
        var id = await docker.BuildAsync(new DockerBuildSettings(context) { Tags = [name] }, cancellationToken);
        log.Write(LogLevel.Information, $"Built ASP.NET base {name} ({id})");
        Directory.Delete(context, recursive: true);
        return new(name, BaseImageOrigin.BuiltOffline);
    }

    /// <summary>Copies the host, resolver and frameworks into <c>dotnet/</c>, with an empty <c>data/</c>, all at one fixed time.</summary>
    internal static void Stage(SharedRuntime runtime, string context)
    {
        var dotnet = Path.Combine(context, "dotnet");
        Directory.CreateDirectory(dotnet);
        CopyFile(Path.Combine(runtime.Root, "dotnet"), Path.Combine(dotnet, "dotnet"));
        foreach (var notice in new[] { "LICENSE.txt", "ThirdPartyNotices.txt" }.Where(n => File.Exists(Path.Combine(runtime.Root, n))))
            CopyFile(Path.Combine(runtime.Root, notice), Path.Combine(dotnet, notice));
        CopyDirectory(Path.Combine(runtime.Root, runtime.HostResolverDirectory), Path.Combine(dotnet, runtime.HostResolverDirectory));
        foreach (var framework in SharedRuntime.Frameworks)
        foreach (var folder in runtime.FoldersOf(framework))
            CopyDirectory(folder, Path.Combine(dotnet, "shared", framework, runtime.Version), except: SharedRuntime.HostResolverFile);
        // Docker copies files, not empty folders: a placeholder makes data/ exist.
        Directory.CreateDirectory(Path.Combine(context, "data"));
        File.WriteAllText(Path.Combine(context, "data", ".keep"), string.Empty);
        PublishOutput.SetFileTimes(context, PublishOutput.FileTime);
    }

    private static void CopyDirectory(string source, string target, string? except = null)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != except))
            CopyFile(file, Path.Combine(target, Path.GetRelativePath(source, file)));
    }

    private static void CopyFile(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
    }
}
