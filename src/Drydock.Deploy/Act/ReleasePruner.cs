using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>Carries out a <see cref="RetentionDecision"/>: removes pruned containers, then their images unless docker says they are in use.</summary>
public sealed class ReleasePruner(EnvironmentContainers containers, IBuildLog log)
{
    /// <summary>Lists the releases anew (the rollout just changed them), decides, and removes.</summary>
    public async Task PruneAsync(EnvironmentId environment, string? serving, int keepReleases, CancellationToken cancellationToken)
    {
        var releases = await containers.ListAsync(environment, ContainerRole.Release, cancellationToken);
        var decision = RetentionPolicy.Decide(releases, serving, keepReleases);
        if (decision.Remove.Count == 0)
            return;
        log.Write(LogLevel.Information,
            $"Pruning {decision.Remove.Count} old release(s) of {environment.Name} (keeping {decision.Keep.Count} for rollback): {string.Join(", ", decision.Remove.Select(c => c.Name))}");
        await containers.RemoveAsync(decision.Remove.Select(c => c.Id).ToArray(), cancellationToken);
        foreach (var image in decision.ImagesToRemove)
        {
            // Without --force: an image another container (of any environment) still uses stays.
            var result = await containers.Docker.ExecuteAsync(new DockerImageRmSettings(image), throwOnError: false, echoOutput: false, cancellationToken);
            log.Write(LogLevel.Debug, result.Succeeded ? $"Removed image {image}" : $"Kept image {image}: {result.Error}");
        }
    }
}
