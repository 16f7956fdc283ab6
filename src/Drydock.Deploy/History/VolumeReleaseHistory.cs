using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The history in the named volume <c>drydock-&lt;app&gt;-&lt;env&gt;-state</c> (laid out as <see cref="HistoryFiles"/> says),
/// read and written with <c>docker cp</c> through a created, never started holder container that mounts it (docker cp
/// works on stopped containers and their volumes, and through a remote DOCKER_HOST, since the client does the
/// transfer). Any runner that talks to the engine sees the same history. A read copies the whole folder in one call;
/// a write copies one new file in.
/// </summary>
public sealed class VolumeReleaseHistory(EnvironmentContainers containers, IBuildLog log) : IReleaseHistory
{
    public async Task<IReadOnlyList<HistoryRecord>> ReadAsync(EnvironmentId environment, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("drydock-state-");
        try
        {
            // The holder normally exists: copy at once (one docker call) and look further only when that fails.
            var copy = new DockerCpSettings($"{environment.StateHolder}:{ReleaseNames.StateMountPath}/.", directory.FullName);
            var result = await containers.Docker.ExecuteAsync(copy, throwOnError: false, echoOutput: false, cancellationToken);
            if (!result.Succeeded)
            {
                // The mount point always exists in a holder, so a failed copy from an existing holder is a failed read.
                if (await containers.InspectAsync(environment.StateHolder, cancellationToken) is not null)
                    throw new DeployException($"Could not read the history of {environment.Name} from {environment.StateHolder}: {result.Error}. "
                        + "Nothing was changed; check the connection to the engine and run again.");
                if (await FindHolderAsync(environment, cancellationToken) is not { } holder)
                    return [];
                result = await containers.Docker.ExecuteAsync(copy with { Source = $"{holder}:{ReleaseNames.StateMountPath}/." }, throwOnError: false, echoOutput: false, cancellationToken);
                if (!result.Succeeded)
                    throw new DeployException($"Could not read the history of {environment.Name} from {holder}: {result.Error}. Nothing was changed; run again.");
            }
            var records = HistoryFiles.Read(directory.FullName, out var skipped);
            if (skipped > 0)
                log.Write(LogLevel.Warning, $"Skipped {skipped} damaged record(s) of the history of {environment.Name}");
            return records;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public async Task AppendAsync(EnvironmentId environment, HistoryRecord record, CancellationToken cancellationToken)
    {
        var holder = await EnsureHolderAsync(environment, cancellationToken);
        var directory = Directory.CreateTempSubdirectory("drydock-state-");
        try
        {
            // A folder holding the one new file, copied into the mount: docker creates records/ when missing and keeps what it holds.
            var folder = Directory.CreateDirectory(Path.Combine(directory.FullName, HistoryFiles.RecordsFolder)).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, HistoryFiles.RecordFileName(record)), HistoryJson.Serialize(record) + "\n", cancellationToken);
            await containers.Docker.ExecuteAsync(new DockerCpSettings(folder, $"{holder}:{ReleaseNames.StateMountPath}"), echoOutput: false, cancellationToken: cancellationToken);
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

    /// <summary>The recreated holder of a volume whose holder is gone, or null when there is no volume either.</summary>
    private async Task<string?> FindHolderAsync(EnvironmentId environment, CancellationToken cancellationToken)
    {
        // No holder: the history exists only if the volume does (e.g. the holder was removed by hand).
        var volumes = await containers.Docker.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = ReleaseLabels.Filter(environment) }, cancellationToken);
        return volumes.Any(v => v.Name == environment.StateVolume) ? await EnsureHolderAsync(environment, cancellationToken) : null;
    }
}
