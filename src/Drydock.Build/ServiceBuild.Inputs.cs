using Drydock.Deploy;
using Drydock.Docker;
using Drydock.Engine.Planning;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    /// <summary>
    /// For <c>Requires</c> on every target that reads --environment (and for anything that reads <see cref="EnvironmentConfig"/>):
    /// the environment file, --env and --secret-env are checked before the first target of the plan runs, so a bad input
    /// fails the build with every problem listed (exit code 2) and nothing ran: no Compile, no image pushed. Whoever asks
    /// first (Publish's checks read the health path) stops the build. The check itself is <see cref="DeployInputs"/>, a
    /// pure function of the run's one <see cref="Settings"/>.
    /// </summary>
    bool EnvironmentIsValid => Problems(Settings.ShapeProblems);

    /// <summary>For <c>Requires</c> on the targets that start a release with today's secrets (Deploy): each one is set on this runner.</summary>
    bool EnvironmentSecretsAreSet =>
        Problems((Settings.Inputs with { IsSet = name => System.Environment.GetEnvironmentVariable(name) is not null }).SecretProblems());

    /// <summary>
    /// For <c>Requires</c> on Deploy: the environment exists (its file, or a record on its engine), or --new-environment
    /// asks for a new one, so a misspelt name stops the run before Compile instead of deploying one with defaults. The
    /// engine is asked (one docker call) only when there is no file.
    /// </summary>
    bool EnvironmentIsKnown =>
        !NewEnvironmentCheck.AsksEngine(Environment, Settings.Inputs.FileText is not null, NewEnvironment)
        || (NewEnvironmentCheck.Refusal(Environment, EnvironmentsOnEngine(), EnvironmentConfigFile.Names(RootDirectory)) is { } refusal
            ? throw new PlanningException($"Nothing was run: {refusal}")
            : true);

    /// <summary>The environments of this app its engine holds labelled volumes of (history, data, edge state): one docker call.</summary>
    internal virtual IReadOnlyCollection<string> EnvironmentsOnEngine()
    {
        try
        {
            var docker = EnvironmentEngineAsync(CancellationToken.None).GetAwaiter().GetResult();
            var volumes = docker.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = [ReleaseLabels.AppFilter(Release.Name.Value)] }).GetAwaiter().GetResult();
            return NewEnvironmentCheck.Recorded(volumes.Select(v => v.Labels));
        }
        catch (Exception e) when (e is not PlanningException and not OperationCanceledException)
        {
            throw new PlanningException($"Nothing was run: {Environment} has no {EnvironmentConfigFile.RelativePathFor(Environment)}, and its engine could not be asked whether it exists ({e.Message}). Pass --new-environment if it is new.");
        }
    }

    /// <summary>Each problem as an item of the engine's "Nothing was run:" list, so the checks of all targets merge into one list.</summary>
    static bool Problems(IReadOnlyList<string> problems) => problems.Count == 0
        ? true
        : throw new PlanningException("Nothing was run:" + System.Environment.NewLine + string.Join(System.Environment.NewLine, problems.Select(p => "  - " + p)));
}
