using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The history as <c>/state/history.jsonl</c> in the named volume <c>drydock-&lt;app&gt;-&lt;env&gt;-state</c>, read and
/// written with <c>docker cp</c> through a created, never started holder container that mounts it (docker cp works on
/// stopped containers and their volumes, and through a remote DOCKER_HOST, since the client does the transfer). Any
/// runner that talks to the engine sees the same history.
/// </summary>
public sealed class VolumeReleaseHistory(EnvironmentContainers containers, IBuildLog log) : IReleaseHistory
{
    public const string FileName = "history.jsonl";

    public async Task<IReadOnlyList<HistoryRecord>> ReadAsync(EnvironmentId environment, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("drydock-state-");
        try
        {
            // The holder normally exists: copy at once (one docker call) and look further only when it is missing.
            var copied = await CopyOutAsync(environment.StateHolder, directory.FullName, cancellationToken);
            if (copied.HolderMissing)
            {
                if (await FindHolderAsync(environment, cancellationToken) is not { } holder)
                    return [];
                copied = await CopyOutAsync(holder, directory.FullName, cancellationToken);
            }
            var records = HistoryJson.Parse(copied.Text ?? string.Empty, out var skipped);
            if (skipped > 0)
                log.Write(LogLevel.Warning, $"Skipped {skipped} damaged line(s) of the history of {environment.Name}");
            return records;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public async Task AppendAsync(HistoryRecord record, CancellationToken cancellationToken)
    {
        var holder = await EnsureHolderAsync(new EnvironmentId(record.App, record.Environment), cancellationToken);
        var directory = Directory.CreateTempSubdirectory("drydock-state-");
        try
        {
            var copied = await CopyOutAsync(holder, directory.FullName, cancellationToken);
            if (copied.HolderMissing)
                throw new DeployException($"The state holder {holder} vanished while the history was being written; the next deploy recreates it.");
            var existing = copied.Text ?? string.Empty;
            if (existing.Length > 0 && !existing.EndsWith('\n'))
                existing += "\n";
            var path = Path.Combine(directory.FullName, FileName);
            await File.WriteAllTextAsync(path, existing + HistoryJson.Serialize(record) + "\n", cancellationToken);
            await containers.Docker.ExecuteAsync(new DockerCpSettings(path, $"{holder}:{ReleaseNames.StateMountPath}/{FileName}"), echoOutput: false, cancellationToken: cancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The holder's name, creating volume and holder when missing.</summary>
    public async Task<string> EnsureHolderAsync(EnvironmentId environment, CancellationToken cancellationToken)
    {
        var name = environment.StateHolder;
        if (await containers.InspectAsync(name, cancellationToken) is not null)
            return name;
        var volume = environment.StateVolume;
        await containers.EnsureVolumeAsync(volume, environment, "state", cancellationToken);
        var settings = HolderImage.Container(name, ReleaseLabels.Owner(environment, ContainerRole.State), [new VolumeMount(volume, ReleaseNames.StateMountPath)]);
        var result = await HolderImage.CreateContainerAsync(containers.Docker, log, settings, cancellationToken);
        // Another run may have created it a moment ago; that one is as good.
        if (!result.Succeeded && await containers.InspectAsync(name, cancellationToken) is null)
            throw new DeployException($"Could not create the state holder {name}: {result.Error}");
        return name;
    }

    private async Task<string?> FindHolderAsync(EnvironmentId environment, CancellationToken cancellationToken)
    {
        var name = environment.StateHolder;
        if (await containers.InspectAsync(name, cancellationToken) is not null)
            return name;
        // No holder: the history exists only if the volume does (e.g. the holder was removed by hand).
        var volumes = await containers.Docker.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = ReleaseLabels.Filter(environment) }, cancellationToken);
        return volumes.Any(v => v.Name == environment.StateVolume) ? await EnsureHolderAsync(environment, cancellationToken) : null;
    }

    /// <summary>The history file's text (null when there is none yet), or that the holder container does not exist.</summary>
    private async Task<(string? Text, bool HolderMissing)> CopyOutAsync(string holder, string directory, CancellationToken cancellationToken)
    {
        var result = await containers.Docker.ExecuteAsync(
            new DockerCpSettings($"{holder}:{ReleaseNames.StateMountPath}/{FileName}", directory), throwOnError: false, echoOutput: false, cancellationToken);
        var path = Path.Combine(directory, FileName);
        if (result.Succeeded && File.Exists(path))
            return (await File.ReadAllTextAsync(path, cancellationToken), false);
        if (result.StandardError.Any(line => line.Contains("No such container", StringComparison.Ordinal)))
            return (null, true);
        if (result.StandardError.Any(line => line.Contains("Could not find the file", StringComparison.OrdinalIgnoreCase) || line.Contains("No such", StringComparison.Ordinal)))
            return (null, false);
        throw new DeployException($"Could not read the history from {holder}: {result.Error}");
    }
}
