using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Release;

/// <summary>
/// The base a release is built on: <c>--base-image</c> when given; else the runtime-deps base for a self-contained
/// app, or the ASP.NET base (runtime-deps plus the shared runtime of the app's major: the SDK's own, or the feed's
/// runtime packs for an older one) for a framework-dependent one.
/// </summary>
public sealed class ReleaseBase(ReleaseSettings settings, IToolRunner runner, IBuildLog log)
{
    private string WorkDirectory => Path.Combine(settings.TemporaryDirectory, "base-image");

    public async Task<ResolvedBaseImage> EnsureAsync(DockerCli docker, AppRuntime runtime, CancellationToken cancellationToken = default)
    {
        if (settings.BaseImage is { Length: > 0 } requested)
        {
            var given = await BaseImage.EnsureAsync(docker, log, WorkDirectory, requested, cancellationToken);
            if (!runtime.SelfContained)
                await EnsureRuntimeAsync(docker, given, cancellationToken);
            return given;
        }
        var runtimeDeps = await BaseImage.EnsureAsync(docker, log, WorkDirectory, cancellationToken: cancellationToken);
        if (runtime.SelfContained)
            return runtimeDeps;
        var sdk = await SharedRuntimeAsync(cancellationToken);
        var shared = runtime.Source == RuntimeSource.Packs
            ? await new RuntimePacks(runner, log, settings.TemporaryDirectory).RestoreAsync(runtime, sdk.Root, cancellationToken)
            : sdk;
        return await AspNetBaseImage.EnsureAsync(docker, log, WorkDirectory, runtimeDeps, shared, cancellationToken);
    }

    /// <summary>The ASP.NET Core runtime of the SDK that builds the project (global.json respected), on this machine.</summary>
    public async Task<SharedRuntime> SharedRuntimeAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new ToolCommand("dotnet", "--version")
        {
            WorkingDirectory = Path.GetDirectoryName(settings.ProjectPath),
            EchoOutput = false,
            Environment = new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
        }, cancellationToken);
        // The build runs on the runtime of the dotnet it was started with: its install root holds the SDK too.
        var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return SharedRuntime.Of(root, result.Output.Trim());
    }

    /// <summary>A framework-dependent app needs the runtime in its base: refuse one that has none, naming both ways out.</summary>
    private async Task EnsureRuntimeAsync(DockerCli docker, ResolvedBaseImage given, CancellationToken cancellationToken)
    {
        var image = await docker.InspectImageAsync(given.Reference, cancellationToken);
        if (image is null || HasAspNetRuntime(image.Environment, image.Labels))
            return;
        throw new InvalidOperationException(
            $"--base-image {given.Reference} has no ASP.NET Core runtime (no ASPNET_VERSION in its environment), but the app is published framework-dependent. "
            + "Pass an ASP.NET Core runtime image (e.g. mcr.microsoft.com/dotnet/aspnet:10.0), leave --base-image out to use Drydock's, or add --self-contained.");
    }

    /// <summary>The official aspnet images set ASPNET_VERSION; Drydock's ASP.NET base also labels its runtime.</summary>
    public static bool HasAspNetRuntime(IReadOnlyList<string> environment, IReadOnlyDictionary<string, string> labels) =>
        environment.Any(e => e.StartsWith("ASPNET_VERSION=", StringComparison.Ordinal)) || labels.ContainsKey(AspNetBaseRecipe.RuntimeLabel);
}
