using System.Globalization;
using Drydock.Docker;
using Drydock.DotNet;
using Drydock.Engine.Output;

namespace Drydock.Release;

public sealed partial class ReleaseChain
{
    private (AppRuntime? Runtime, string? Refusal)? _runtime;

    /// <summary>
    /// The runtime the project asks for, decided once from one MSBuild evaluation of its properties; the refusal (with
    /// the property and the fix) when no base can carry it. Asked while the build is planned, so a refusal stops it
    /// before Compile.
    /// </summary>
    public async Task<(AppRuntime? Runtime, string? Refusal)> DecideRuntimeAsync(CancellationToken cancellationToken = default)
    {
        if (_runtime is { } decided)
            return decided;
        var evaluation = await runner.RunAsync(ProjectRuntimeProperties.Command(settings.ProjectPath) with { EchoOutput = false }, cancellationToken);
        var output = evaluation.Output;
        var properties = ProjectRuntimeProperties.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var sdk = await new ReleaseBase(settings, runner, log).SharedRuntimeAsync(cancellationToken);
        var request = new RuntimeRequest(settings.ProjectLabel, properties.TargetFrameworks)
        {
            Framework = settings.Framework,
            RuntimeFrameworkVersion = properties.RuntimeFrameworkVersion,
            RollForward = properties.RollForward,
            SelfContained = settings.SelfContained || properties.SelfContained,
            PublishAot = properties.PublishAot,
        };
        _runtime = RuntimeDecision.Decide(request, int.Parse(sdk.Version.Split('.')[0], CultureInfo.InvariantCulture));
        if (_runtime.Value.Runtime is { } runtime)
            log.Write(LogLevel.Information, $"{settings.ProjectLabel} runs on {runtime.Framework}: {runtime.Source switch
            {
                RuntimeSource.Sdk => $"the SDK's own runtime {sdk.Version}",
                RuntimeSource.Packs => "the runtime packs of the feed",
                _ => "its own runtime (self-contained), on the runtime-deps base",
            }}");
        return _runtime.Value;
    }

    /// <summary>The decided runtime; throws the refusal when there is none.</summary>
    public async Task<AppRuntime> RuntimeAsync(CancellationToken cancellationToken = default) =>
        (await DecideRuntimeAsync(cancellationToken)) is { Runtime: { } runtime } ? runtime
        : throw new InvalidOperationException((await DecideRuntimeAsync(cancellationToken)).Refusal + " Nothing was published or pushed.");
}
